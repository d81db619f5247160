// Written by `cogref emit cdk --style adopt` from the Cognito resources of 123456789012 in us-east-1.
// The resources and settings of `cogref emit cloudformation`, as L1 constructs with the same
// logical ids, kept on delete (RemovalPolicy.RETAIN). Import them into a stack deployed to
// us-east-1 with `cdk import --resource-mapping resource-mapping.json` (see IMPORT.md), then `cdk diff`.
// Instantiate it once per stack: the logical ids are fixed.
import * as cdk from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Overrides the logical id with the imported one and keeps the resource on delete. */
function adopt<T extends cdk.CfnResource>(resource: T, logicalId: string): T {
  resource.overrideLogicalId(logicalId);
  resource.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
  return resource;
}

export class ExistingAuth extends Construct {
  readonly roleFieldOpsSmsRole: iam.CfnRole;
  readonly userPoolFieldOps: cognito.CfnUserPool;
  readonly userPoolClientFieldOpsFieldApp: cognito.CfnUserPoolClient;
  readonly userPoolClientFieldOpsFieldSync: cognito.CfnUserPoolClient;
  readonly userPoolPartnerPortal: cognito.CfnUserPool;
  readonly userPoolClientPartnerPortalPartnerSync: cognito.CfnUserPoolClient;
  readonly userPoolIdentityProviderPartnerPortalPartnerOIDC: cognito.CfnUserPoolIdentityProvider;
  readonly userPoolIdentityProviderPartnerPortalPartnerSAML: cognito.CfnUserPoolIdentityProvider;
  readonly userPoolClientPartnerPortalPartnerWeb: cognito.CfnUserPoolClient;
  readonly identityPoolPartnerIdentity: cognito.CfnIdentityPool;
  readonly rolePartnerAuthRole: iam.CfnRole;
  readonly identityPoolRoleAttachmentPartnerIdentity: cognito.CfnIdentityPoolRoleAttachment;
  readonly userPoolShopCustomers: cognito.CfnUserPool;
  readonly logDeliveryConfigurationShopCustomers: cognito.CfnLogDeliveryConfiguration;
  readonly userPoolClientShopCustomersShopBackend: cognito.CfnUserPoolClient;
  readonly userPoolDomainShopCustomers: cognito.CfnUserPoolDomain;
  readonly userPoolGroupShopCustomersCustomers: cognito.CfnUserPoolGroup;
  readonly userPoolIdentityProviderShopCustomersGoogle: cognito.CfnUserPoolIdentityProvider;
  readonly userPoolClientShopCustomersShopWeb: cognito.CfnUserPoolClient;
  readonly identityPoolShopIdentity: cognito.CfnIdentityPool;
  readonly identityPoolPrincipalTagShopIdentityShopCustomers: cognito.CfnIdentityPoolPrincipalTag;
  readonly managedLoginBrandingShopCustomersShopWeb: cognito.CfnManagedLoginBranding;
  readonly roleShopAdminsRole: iam.CfnRole;
  readonly roleShopAuthRole: iam.CfnRole;
  readonly roleShopStaffRole: iam.CfnRole;
  readonly roleShopUnauthRole: iam.CfnRole;
  readonly identityPoolRoleAttachmentShopIdentity: cognito.CfnIdentityPoolRoleAttachment;
  readonly userPoolGroupShopCustomersAdmins: cognito.CfnUserPoolGroup;
  readonly userPoolGroupShopCustomersStaff: cognito.CfnUserPoolGroup;
  readonly userPoolResourceServerShopCustomersShopApi: cognito.CfnUserPoolResourceServer;
  readonly userPoolRiskConfigurationShopCustomersAll: cognito.CfnUserPoolRiskConfigurationAttachment;
  readonly userPoolRiskConfigurationShopCustomersShopWeb: cognito.CfnUserPoolRiskConfigurationAttachment;
  readonly userPoolUICustomizationShopCustomersAll: cognito.CfnUserPoolUICustomizationAttachment;
  readonly userPoolUICustomizationShopCustomersShopWeb: cognito.CfnUserPoolUICustomizationAttachment;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Secrets cogref never reads: pass them at deploy and import time
    // (cdk deploy --parameters NAME=VALUE); never commit them.
    const userPoolIdentityProviderPartnerPortalPartnerOIDCClientSecretParameter = new cdk.CfnParameter(this, 'UserPoolIdentityProviderPartnerPortalPartnerOIDCClientSecret', {
      description: 'client_secret of identity provider PartnerOIDC of user pool partner-portal (a secret cogref never reads)',
      noEcho: true,
      type: 'String',
    });
    userPoolIdentityProviderPartnerPortalPartnerOIDCClientSecretParameter.overrideLogicalId('UserPoolIdentityProviderPartnerPortalPartnerOIDCClientSecret');
    const userPoolIdentityProviderShopCustomersGoogleClientSecretParameter = new cdk.CfnParameter(this, 'UserPoolIdentityProviderShopCustomersGoogleClientSecret', {
      description: 'client_secret of identity provider Google of user pool shop-customers (a secret cogref never reads)',
      noEcho: true,
      type: 'String',
    });
    userPoolIdentityProviderShopCustomersGoogleClientSecretParameter.overrideLogicalId('UserPoolIdentityProviderShopCustomersGoogleClientSecret');
    this.roleFieldOpsSmsRole = adopt(new iam.CfnRole(this, 'RoleFieldOpsSmsRole', {
      assumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: {
                'sts:ExternalId': 'field-ops-external',
              },
            },
            Effect: 'Allow',
            Principal: {
              Service: 'cognito-idp.amazonaws.com',
            },
          },
        ],
        Version: '2012-10-17',
      },
      description: 'field-ops sends SMS',
      maxSessionDuration: 3600,
      path: '/',
      policies: [
        {
          policyDocument: {
            Statement: [
              {
                Action: [
                  'sns:Publish',
                ],
                Effect: 'Allow',
                Resource: [
                  '*',
                ],
              },
            ],
            Version: '2012-10-17',
          },
          policyName: 'allow-sns-publish',
        },
      ],
      roleName: 'field-ops-sms-role',
    }), 'RoleFieldOpsSmsRole');
    this.userPoolFieldOps = adopt(new cognito.CfnUserPool(this, 'UserPoolFieldOps', {
      adminCreateUserConfig: {
        allowAdminCreateUserOnly: false,
      },
      autoVerifiedAttributes: [
        'phone_number',
      ],
      deletionProtection: 'INACTIVE',
      emailConfiguration: {
        emailSendingAccount: 'COGNITO_DEFAULT',
      },
      enabledMfas: [
        'SMS_MFA',
      ],
      mfaConfiguration: 'ON',
      policies: {
        passwordPolicy: {
          minimumLength: 8,
          requireLowercase: true,
          requireNumbers: true,
          requireSymbols: true,
          requireUppercase: true,
          temporaryPasswordValidityDays: 7,
        },
        signInPolicy: {
          allowedFirstAuthFactors: [
            'PASSWORD',
          ],
        },
      },
      smsAuthenticationMessage: 'Your code is {####}',
      smsConfiguration: {
        externalId: 'field-ops-external',
        snsCallerArn: this.roleFieldOpsSmsRole.attrArn,
      },
      userPoolName: 'field-ops',
      userPoolTier: 'ESSENTIALS',
      usernameAttributes: [
        'phone_number',
      ],
      verificationMessageTemplate: {
        defaultEmailOption: 'CONFIRM_WITH_CODE',
      },
    }), 'UserPoolFieldOps');
    this.userPoolClientFieldOpsFieldApp = adopt(new cognito.CfnUserPoolClient(this, 'UserPoolClientFieldOpsFieldApp', {
      accessTokenValidity: 1,
      authSessionValidity: 3,
      clientName: 'field-app',
      enablePropagateAdditionalUserContextData: false,
      enableTokenRevocation: true,
      explicitAuthFlows: [
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_SRP_AUTH',
      ],
      refreshTokenValidity: 7,
      tokenValidityUnits: {
        accessToken: 'hours',
        refreshToken: 'days',
      },
      userPoolId: this.userPoolFieldOps.ref,
    }), 'UserPoolClientFieldOpsFieldApp');
    this.userPoolClientFieldOpsFieldSync = adopt(new cognito.CfnUserPoolClient(this, 'UserPoolClientFieldOpsFieldSync', {
      authSessionValidity: 3,
      clientName: 'field-sync',
      enablePropagateAdditionalUserContextData: false,
      enableTokenRevocation: true,
      explicitAuthFlows: [
        'ALLOW_ADMIN_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
      generateSecret: true,
      refreshTokenValidity: 30,
      tokenValidityUnits: {
        refreshToken: 'days',
      },
      userPoolId: this.userPoolFieldOps.ref,
    }), 'UserPoolClientFieldOpsFieldSync');
    this.userPoolPartnerPortal = adopt(new cognito.CfnUserPool(this, 'UserPoolPartnerPortal', {
      adminCreateUserConfig: {
        allowAdminCreateUserOnly: false,
      },
      aliasAttributes: [
        'email',
        'preferred_username',
      ],
      autoVerifiedAttributes: [
        'email',
      ],
      deletionProtection: 'INACTIVE',
      emailConfiguration: {
        emailSendingAccount: 'COGNITO_DEFAULT',
      },
      mfaConfiguration: 'OFF',
      policies: {
        passwordPolicy: {
          minimumLength: 8,
          requireLowercase: true,
          requireNumbers: true,
          requireSymbols: false,
          requireUppercase: true,
          temporaryPasswordValidityDays: 7,
        },
        signInPolicy: {
          allowedFirstAuthFactors: [
            'PASSWORD',
          ],
        },
      },
      schema: [
        {
          attributeDataType: 'String',
          mutable: true,
          name: 'company',
          required: false,
          stringAttributeConstraints: {
            maxLength: '64',
            minLength: '1',
          },
        },
      ],
      userPoolName: 'partner-portal',
      userPoolTags: {
        team: 'partners',
      },
      userPoolTier: 'ESSENTIALS',
      verificationMessageTemplate: {
        defaultEmailOption: 'CONFIRM_WITH_CODE',
      },
    }), 'UserPoolPartnerPortal');
    this.userPoolClientPartnerPortalPartnerSync = adopt(new cognito.CfnUserPoolClient(this, 'UserPoolClientPartnerPortalPartnerSync', {
      authSessionValidity: 3,
      clientName: 'partner-sync',
      enablePropagateAdditionalUserContextData: false,
      enableTokenRevocation: true,
      explicitAuthFlows: [
        'ALLOW_ADMIN_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
      generateSecret: true,
      refreshTokenValidity: 30,
      tokenValidityUnits: {
        refreshToken: 'days',
      },
      userPoolId: this.userPoolPartnerPortal.ref,
    }), 'UserPoolClientPartnerPortalPartnerSync');
    this.userPoolIdentityProviderPartnerPortalPartnerOIDC = adopt(new cognito.CfnUserPoolIdentityProvider(this, 'UserPoolIdentityProviderPartnerPortalPartnerOIDC', {
      attributeMapping: {
        email: 'email',
      },
      providerDetails: {
        attributes_request_method: 'GET',
        attributes_url_add_attributes: 'false',
        authorize_scopes: 'openid email',
        client_id: 'partner-portal-client',
        client_secret: userPoolIdentityProviderPartnerPortalPartnerOIDCClientSecretParameter.valueAsString,
        oidc_issuer: 'https://idp.partner.example.com',
      },
      providerName: 'PartnerOIDC',
      providerType: 'OIDC',
      userPoolId: this.userPoolPartnerPortal.ref,
    }), 'UserPoolIdentityProviderPartnerPortalPartnerOIDC');
    this.userPoolIdentityProviderPartnerPortalPartnerSAML = adopt(new cognito.CfnUserPoolIdentityProvider(this, 'UserPoolIdentityProviderPartnerPortalPartnerSAML', {
      attributeMapping: {
        email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
      },
      providerDetails: {
        MetadataURL: 'https://idp.partner.example.com/saml/metadata.xml',
      },
      providerName: 'PartnerSAML',
      providerType: 'SAML',
      userPoolId: this.userPoolPartnerPortal.ref,
    }), 'UserPoolIdentityProviderPartnerPortalPartnerSAML');
    this.userPoolClientPartnerPortalPartnerWeb = adopt(new cognito.CfnUserPoolClient(this, 'UserPoolClientPartnerPortalPartnerWeb', {
      allowedOAuthFlows: [
        'code',
      ],
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthScopes: [
        'email',
        'openid',
      ],
      authSessionValidity: 3,
      callbackUrLs: [
        'https://partners.example.com/callback',
      ],
      clientName: 'partner-web',
      enablePropagateAdditionalUserContextData: false,
      enableTokenRevocation: true,
      explicitAuthFlows: [
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_SRP_AUTH',
      ],
      logoutUrLs: [
        'https://partners.example.com/',
      ],
      refreshTokenValidity: 30,
      supportedIdentityProviders: [
        'COGNITO',
        'PartnerOIDC',
        'PartnerSAML',
      ],
      tokenValidityUnits: {
        refreshToken: 'days',
      },
      userPoolId: this.userPoolPartnerPortal.ref,
    }), 'UserPoolClientPartnerPortalPartnerWeb');
    this.userPoolClientPartnerPortalPartnerWeb.addResourceDependency(this.userPoolIdentityProviderPartnerPortalPartnerOIDC);
    this.userPoolClientPartnerPortalPartnerWeb.addResourceDependency(this.userPoolIdentityProviderPartnerPortalPartnerSAML);
    this.identityPoolPartnerIdentity = adopt(new cognito.CfnIdentityPool(this, 'IdentityPoolPartnerIdentity', {
      allowClassicFlow: false,
      allowUnauthenticatedIdentities: false,
      cognitoIdentityProviders: [
        {
          clientId: this.userPoolClientPartnerPortalPartnerWeb.ref,
          providerName: this.userPoolPartnerPortal.attrProviderName,
          serverSideTokenCheck: false,
        },
      ],
      identityPoolName: 'partner_identity',
    }), 'IdentityPoolPartnerIdentity');
    this.rolePartnerAuthRole = adopt(new iam.CfnRole(this, 'RolePartnerAuthRole', {
      assumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              'ForAnyValue:StringLike': {
                'cognito-identity.amazonaws.com:amr': 'authenticated',
              },
              StringEquals: {
                'cognito-identity.amazonaws.com:aud': this.identityPoolPartnerIdentity.ref,
              },
            },
            Effect: 'Allow',
            Principal: {
              Federated: 'cognito-identity.amazonaws.com',
            },
          },
        ],
        Version: '2012-10-17',
      },
      description: 'Signed-in partners',
      managedPolicyArns: [
        'arn:aws:iam::123456789012:policy/partner-auth-policy',
      ],
      maxSessionDuration: 3600,
      path: '/partner/',
      policies: [
        {
          policyDocument: {
            Statement: [
              {
                Action: [
                  's3:GetObject',
                ],
                Effect: 'Allow',
                Resource: [
                  'arn:aws:s3:::partner-drop/*',
                ],
              },
            ],
            Version: '2012-10-17',
          },
          policyName: 'allow-s3-read',
        },
      ],
      roleName: 'partner-auth-role',
    }), 'RolePartnerAuthRole');
    this.identityPoolRoleAttachmentPartnerIdentity = adopt(new cognito.CfnIdentityPoolRoleAttachment(this, 'IdentityPoolRoleAttachmentPartnerIdentity', {
      identityPoolId: this.identityPoolPartnerIdentity.ref,
      roleMappings: {
        UserPoolClientPartnerPortalPartnerWeb: {
          ambiguousRoleResolution: 'Deny',
          identityProvider: cdk.Fn.join(':', [
            this.userPoolPartnerPortal.attrProviderName,
            this.userPoolClientPartnerPortalPartnerWeb.ref,
          ]),
          rulesConfiguration: {
            rules: [
              {
                claim: 'custom:company',
                matchType: 'Equals',
                roleArn: this.rolePartnerAuthRole.attrArn,
                value: 'acme',
              },
            ],
          },
          type: 'Rules',
        },
      },
      roles: {
        authenticated: this.rolePartnerAuthRole.attrArn,
      },
    }), 'IdentityPoolRoleAttachmentPartnerIdentity');
    this.userPoolShopCustomers = adopt(new cognito.CfnUserPool(this, 'UserPoolShopCustomers', {
      accountRecoverySetting: {
        recoveryMechanisms: [
          {
            name: 'verified_email',
            priority: 1,
          },
        ],
      },
      adminCreateUserConfig: {
        allowAdminCreateUserOnly: false,
      },
      autoVerifiedAttributes: [
        'email',
      ],
      deletionProtection: 'ACTIVE',
      emailConfiguration: {
        emailSendingAccount: 'DEVELOPER',
        from: 'Shop <no-reply@shop.example.com>',
        replyToEmailAddress: 'support@shop.example.com',
        sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/shop.example.com',
      },
      enabledMfas: [
        'SOFTWARE_TOKEN_MFA',
      ],
      lambdaConfig: {
        postConfirmation: 'arn:aws:lambda:us-east-1:123456789012:function:shop-post-confirmation',
        preSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:shop-pre-signup',
      },
      mfaConfiguration: 'OPTIONAL',
      policies: {
        passwordPolicy: {
          minimumLength: 12,
          requireLowercase: true,
          requireNumbers: true,
          requireSymbols: true,
          requireUppercase: true,
          temporaryPasswordValidityDays: 3,
        },
        signInPolicy: {
          allowedFirstAuthFactors: [
            'PASSWORD',
          ],
        },
      },
      schema: [
        {
          attributeDataType: 'Number',
          mutable: true,
          name: 'loyalty_points',
          numberAttributeConstraints: {
            maxValue: '100000',
            minValue: '0',
          },
          required: false,
        },
        {
          attributeDataType: 'String',
          mutable: true,
          name: 'tier',
          required: false,
          stringAttributeConstraints: {
            maxLength: '32',
            minLength: '1',
          },
        },
        {
          attributeDataType: 'String',
          mutable: true,
          name: 'email',
          required: true,
          stringAttributeConstraints: {
            maxLength: '2048',
            minLength: '0',
          },
        },
      ],
      userPoolName: 'shop-customers',
      userPoolTags: {
        env: 'prod',
        team: 'shop',
      },
      userPoolTier: 'ESSENTIALS',
      usernameAttributes: [
        'email',
      ],
      usernameConfiguration: {
        caseSensitive: false,
      },
      verificationMessageTemplate: {
        defaultEmailOption: 'CONFIRM_WITH_CODE',
      },
    }), 'UserPoolShopCustomers');
    this.logDeliveryConfigurationShopCustomers = adopt(new cognito.CfnLogDeliveryConfiguration(this, 'LogDeliveryConfigurationShopCustomers', {
      logConfigurations: [
        {
          cloudWatchLogsConfiguration: {
            logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/cognito/shop-customers',
          },
          eventSource: 'userNotification',
          logLevel: 'ERROR',
        },
      ],
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'LogDeliveryConfigurationShopCustomers');
    this.userPoolClientShopCustomersShopBackend = adopt(new cognito.CfnUserPoolClient(this, 'UserPoolClientShopCustomersShopBackend', {
      authSessionValidity: 3,
      clientName: 'shop-backend',
      enablePropagateAdditionalUserContextData: false,
      enableTokenRevocation: true,
      explicitAuthFlows: [
        'ALLOW_ADMIN_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
      generateSecret: true,
      refreshTokenValidity: 30,
      tokenValidityUnits: {
        refreshToken: 'days',
      },
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolClientShopCustomersShopBackend');
    this.userPoolDomainShopCustomers = adopt(new cognito.CfnUserPoolDomain(this, 'UserPoolDomainShopCustomers', {
      domain: 'shop-customers-demo',
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolDomainShopCustomers');
    this.userPoolGroupShopCustomersCustomers = adopt(new cognito.CfnUserPoolGroup(this, 'UserPoolGroupShopCustomersCustomers', {
      description: 'customers of shop-customers',
      groupName: 'customers',
      precedence: 100,
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolGroupShopCustomersCustomers');
    this.userPoolIdentityProviderShopCustomersGoogle = adopt(new cognito.CfnUserPoolIdentityProvider(this, 'UserPoolIdentityProviderShopCustomersGoogle', {
      attributeMapping: {
        email: 'email',
        username: 'sub',
      },
      providerDetails: {
        attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
        attributes_url_add_attributes: 'true',
        authorize_scopes: 'profile email openid',
        authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
        client_id: 'shop-google.apps.example.com',
        client_secret: userPoolIdentityProviderShopCustomersGoogleClientSecretParameter.valueAsString,
        oidc_issuer: 'https://accounts.google.com',
        token_request_method: 'POST',
        token_url: 'https://www.googleapis.com/oauth2/v4/token',
      },
      providerName: 'Google',
      providerType: 'Google',
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolIdentityProviderShopCustomersGoogle');
    this.userPoolClientShopCustomersShopWeb = adopt(new cognito.CfnUserPoolClient(this, 'UserPoolClientShopCustomersShopWeb', {
      accessTokenValidity: 60,
      allowedOAuthFlows: [
        'code',
      ],
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthScopes: [
        'email',
        'openid',
        'profile',
      ],
      authSessionValidity: 3,
      callbackUrLs: [
        'http://localhost:3000/callback',
        'https://shop.example.com/callback',
      ],
      clientName: 'shop-web',
      enablePropagateAdditionalUserContextData: false,
      enableTokenRevocation: true,
      explicitAuthFlows: [
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_SRP_AUTH',
      ],
      idTokenValidity: 60,
      logoutUrLs: [
        'http://localhost:3000/',
        'https://shop.example.com/logout',
      ],
      preventUserExistenceErrors: 'ENABLED',
      refreshTokenValidity: 30,
      supportedIdentityProviders: [
        'COGNITO',
        'Google',
      ],
      tokenValidityUnits: {
        accessToken: 'minutes',
        idToken: 'minutes',
        refreshToken: 'days',
      },
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolClientShopCustomersShopWeb');
    this.userPoolClientShopCustomersShopWeb.addResourceDependency(this.userPoolIdentityProviderShopCustomersGoogle);
    this.identityPoolShopIdentity = adopt(new cognito.CfnIdentityPool(this, 'IdentityPoolShopIdentity', {
      allowClassicFlow: false,
      allowUnauthenticatedIdentities: true,
      cognitoIdentityProviders: [
        {
          clientId: this.userPoolClientShopCustomersShopWeb.ref,
          providerName: this.userPoolShopCustomers.attrProviderName,
          serverSideTokenCheck: false,
        },
      ],
      identityPoolName: 'shop_identity',
      identityPoolTags: [
        {
          key: 'team',
          value: 'shop',
        },
      ],
    }), 'IdentityPoolShopIdentity');
    this.identityPoolPrincipalTagShopIdentityShopCustomers = adopt(new cognito.CfnIdentityPoolPrincipalTag(this, 'IdentityPoolPrincipalTagShopIdentityShopCustomers', {
      identityPoolId: this.identityPoolShopIdentity.ref,
      identityProviderName: this.userPoolShopCustomers.attrProviderName,
      principalTags: {
        client: 'aud',
        tier: 'custom:tier',
      },
    }), 'IdentityPoolPrincipalTagShopIdentityShopCustomers');
    this.managedLoginBrandingShopCustomersShopWeb = adopt(new cognito.CfnManagedLoginBranding(this, 'ManagedLoginBrandingShopCustomersShopWeb', {
      assets: [
        {
          bytes: 'PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjwvc3ZnPg==',
          category: 'FAVICON_SVG',
          colorMode: 'DYNAMIC',
          extension: 'SVG',
        },
      ],
      clientId: this.userPoolClientShopCustomersShopWeb.ref,
      settings: {
        categories: {
          global: {
            colorSchemeMode: 'LIGHT',
          },
        },
        components: {
          primaryButton: {
            lightMode: {
              defaults: {
                backgroundColor: 'e4572eff',
                textColor: 'ffffffff',
              },
            },
          },
        },
      },
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'ManagedLoginBrandingShopCustomersShopWeb');
    this.roleShopAdminsRole = adopt(new iam.CfnRole(this, 'RoleShopAdminsRole', {
      assumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              'ForAnyValue:StringLike': {
                'cognito-identity.amazonaws.com:amr': 'authenticated',
              },
              StringEquals: {
                'cognito-identity.amazonaws.com:aud': this.identityPoolShopIdentity.ref,
              },
            },
            Effect: 'Allow',
            Principal: {
              Federated: 'cognito-identity.amazonaws.com',
            },
          },
        ],
        Version: '2012-10-17',
      },
      managedPolicyArns: [
        'arn:aws:iam::123456789012:policy/shop-staff-policy',
      ],
      maxSessionDuration: 3600,
      path: '/',
      policies: [
        {
          policyDocument: {
            Statement: [
              {
                Action: [
                  'dynamodb:*',
                ],
                Effect: 'Allow',
                Resource: [
                  'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
                ],
              },
            ],
            Version: '2012-10-17',
          },
          policyName: 'allow-orders-admin',
        },
      ],
      roleName: 'shop-admins-role',
    }), 'RoleShopAdminsRole');
    this.roleShopAuthRole = adopt(new iam.CfnRole(this, 'RoleShopAuthRole', {
      assumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              'ForAnyValue:StringLike': {
                'cognito-identity.amazonaws.com:amr': 'authenticated',
              },
              StringEquals: {
                'cognito-identity.amazonaws.com:aud': this.identityPoolShopIdentity.ref,
              },
            },
            Effect: 'Allow',
            Principal: {
              Federated: 'cognito-identity.amazonaws.com',
            },
          },
        ],
        Version: '2012-10-17',
      },
      description: 'Signed-in shop customers',
      managedPolicyArns: [
        'arn:aws:iam::123456789012:policy/shop-auth-policy',
        'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      ],
      maxSessionDuration: 3600,
      path: '/',
      policies: [
        {
          policyDocument: {
            Statement: [
              {
                Action: [
                  's3:GetObject',
                ],
                Effect: 'Allow',
                Resource: [
                  'arn:aws:s3:::shop-assets/private/*',
                ],
              },
            ],
            Version: '2012-10-17',
          },
          policyName: 'allow-s3-read',
        },
      ],
      roleName: 'shop-auth-role',
    }), 'RoleShopAuthRole');
    this.roleShopStaffRole = adopt(new iam.CfnRole(this, 'RoleShopStaffRole', {
      assumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              'ForAnyValue:StringLike': {
                'cognito-identity.amazonaws.com:amr': 'authenticated',
              },
              StringEquals: {
                'cognito-identity.amazonaws.com:aud': this.identityPoolShopIdentity.ref,
              },
            },
            Effect: 'Allow',
            Principal: {
              Federated: 'cognito-identity.amazonaws.com',
            },
          },
        ],
        Version: '2012-10-17',
      },
      managedPolicyArns: [
        'arn:aws:iam::123456789012:policy/shop-staff-policy',
      ],
      maxSessionDuration: 3600,
      path: '/',
      roleName: 'shop-staff-role',
    }), 'RoleShopStaffRole');
    this.roleShopUnauthRole = adopt(new iam.CfnRole(this, 'RoleShopUnauthRole', {
      assumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              'ForAnyValue:StringLike': {
                'cognito-identity.amazonaws.com:amr': 'unauthenticated',
              },
              StringEquals: {
                'cognito-identity.amazonaws.com:aud': this.identityPoolShopIdentity.ref,
              },
            },
            Effect: 'Allow',
            Principal: {
              Federated: 'cognito-identity.amazonaws.com',
            },
          },
        ],
        Version: '2012-10-17',
      },
      description: 'Guest shop visitors',
      maxSessionDuration: 3600,
      path: '/',
      policies: [
        {
          policyDocument: {
            Statement: [
              {
                Action: [
                  's3:GetObject',
                ],
                Effect: 'Allow',
                Resource: [
                  'arn:aws:s3:::shop-assets/public/*',
                ],
              },
            ],
            Version: '2012-10-17',
          },
          policyName: 'allow-s3-read',
        },
      ],
      roleName: 'shop-unauth-role',
    }), 'RoleShopUnauthRole');
    this.identityPoolRoleAttachmentShopIdentity = adopt(new cognito.CfnIdentityPoolRoleAttachment(this, 'IdentityPoolRoleAttachmentShopIdentity', {
      identityPoolId: this.identityPoolShopIdentity.ref,
      roleMappings: {
        UserPoolClientShopCustomersShopWeb: {
          ambiguousRoleResolution: 'AuthenticatedRole',
          identityProvider: cdk.Fn.join(':', [
            this.userPoolShopCustomers.attrProviderName,
            this.userPoolClientShopCustomersShopWeb.ref,
          ]),
          type: 'Token',
        },
      },
      roles: {
        authenticated: this.roleShopAuthRole.attrArn,
        unauthenticated: this.roleShopUnauthRole.attrArn,
      },
    }), 'IdentityPoolRoleAttachmentShopIdentity');
    this.userPoolGroupShopCustomersAdmins = adopt(new cognito.CfnUserPoolGroup(this, 'UserPoolGroupShopCustomersAdmins', {
      description: 'admins of shop-customers',
      groupName: 'admins',
      precedence: 1,
      roleArn: this.roleShopAdminsRole.attrArn,
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolGroupShopCustomersAdmins');
    this.userPoolGroupShopCustomersStaff = adopt(new cognito.CfnUserPoolGroup(this, 'UserPoolGroupShopCustomersStaff', {
      description: 'staff of shop-customers',
      groupName: 'staff',
      precedence: 10,
      roleArn: this.roleShopStaffRole.attrArn,
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolGroupShopCustomersStaff');
    this.userPoolResourceServerShopCustomersShopApi = adopt(new cognito.CfnUserPoolResourceServer(this, 'UserPoolResourceServerShopCustomersShopApi', {
      identifier: 'https://api.shop.example.com',
      name: 'shop-api',
      scopes: [
        {
          scopeDescription: 'Read orders',
          scopeName: 'orders.read',
        },
        {
          scopeDescription: 'Place and change orders',
          scopeName: 'orders.write',
        },
      ],
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolResourceServerShopCustomersShopApi');
    this.userPoolRiskConfigurationShopCustomersAll = adopt(new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'UserPoolRiskConfigurationShopCustomersAll', {
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: {
        actions: {
          eventAction: 'BLOCK',
        },
        eventFilter: [
          'SIGN_IN',
          'PASSWORD_CHANGE',
        ],
      },
      riskExceptionConfiguration: {
        blockedIpRangeList: [
          '192.0.2.0/24',
        ],
      },
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolRiskConfigurationShopCustomersAll');
    this.userPoolRiskConfigurationShopCustomersShopWeb = adopt(new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'UserPoolRiskConfigurationShopCustomersShopWeb', {
      accountTakeoverRiskConfiguration: {
        actions: {
          highAction: {
            eventAction: 'BLOCK',
            notify: false,
          },
          lowAction: {
            eventAction: 'NO_ACTION',
            notify: false,
          },
          mediumAction: {
            eventAction: 'MFA_IF_CONFIGURED',
            notify: false,
          },
        },
      },
      clientId: this.userPoolClientShopCustomersShopWeb.ref,
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolRiskConfigurationShopCustomersShopWeb');
    this.userPoolUICustomizationShopCustomersAll = adopt(new cognito.CfnUserPoolUICustomizationAttachment(this, 'UserPoolUICustomizationShopCustomersAll', {
      css: '.banner-customizable {background-color: #0f1b2d;}',
      clientId: 'ALL',
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolUICustomizationShopCustomersAll');
    this.userPoolUICustomizationShopCustomersAll.addResourceDependency(this.userPoolDomainShopCustomers);
    this.userPoolUICustomizationShopCustomersShopWeb = adopt(new cognito.CfnUserPoolUICustomizationAttachment(this, 'UserPoolUICustomizationShopCustomersShopWeb', {
      css: '.submitButton-customizable {background-color: #e4572e;}',
      clientId: this.userPoolClientShopCustomersShopWeb.ref,
      userPoolId: this.userPoolShopCustomers.ref,
    }), 'UserPoolUICustomizationShopCustomersShopWeb');
    this.userPoolUICustomizationShopCustomersShopWeb.addResourceDependency(this.userPoolDomainShopCustomers);
  }
}
