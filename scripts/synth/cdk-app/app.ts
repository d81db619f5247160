/**
 * A plain CDK app (aws-cdk-lib L2 constructs) synthesized offline by scripts/synth.sh for the
 * corpus test: two env-agnostic stacks whose templates are what `cdk synth` writes for a typical
 * Cognito setup. Every literal secret here is a test value, never a real credential.
 *
 * - CogrefCdkFull: one pool with standard and custom attributes of every type (mutable and
 *   immutable, one developer-only through an L1 override: the L2 has no such prop), OPTIONAL MFA
 *   with TOTP + SMS (and the SMS role CDK creates), a domain, a resource server, a public OAuth
 *   client, a confidential client-credentials client, Google/OIDC/SAML providers, groups (one
 *   with a role), and an identity pool with a token role mapping and a rules role mapping.
 * - CogrefCdkModern: Essentials/Plus-era settings: the PLUS feature plan with threat protection,
 *   choice-based sign-in (password, email OTP, passkey) with WebAuthn settings, email MFA over
 *   SES, and Lambda triggers (inline code: no asset to bundle), pre-token-generation V2.
 */
import * as cdk from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

const app = new cdk.App();

// ---------------------------------------------------------------------------------------------
const full = new cdk.Stack(app, 'CogrefCdkFull', {
  description: 'cogref synth corpus: CDK UserPool with every attribute type, OAuth, IdPs, identity pool',
});

const pool = new cognito.UserPool(full, 'FullPool', {
  userPoolName: 'cogref-cdk-full',
  selfSignUpEnabled: true,
  signInAliases: { username: true, email: true },
  signInCaseSensitive: false,
  autoVerify: { email: true },
  keepOriginal: { email: true },
  standardAttributes: {
    email: { required: true, mutable: true },
    givenName: { required: true, mutable: true },
    familyName: { required: false, mutable: false },
    phoneNumber: { required: false, mutable: true },
    birthdate: { required: false, mutable: true },
    locale: { required: false, mutable: true },
  },
  customAttributes: {
    tier: new cognito.StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
    tenant_id: new cognito.StringAttribute({ minLen: 36, maxLen: 36, mutable: false }),
    internal_ref: new cognito.StringAttribute({ maxLen: 64, mutable: true }),
    seats: new cognito.NumberAttribute({ min: 1, max: 1000, mutable: true }),
    signup_year: new cognito.NumberAttribute({ min: 2000, max: 2100, mutable: false }),
    beta: new cognito.BooleanAttribute({ mutable: true }),
    joined_at: new cognito.DateTimeAttribute({ mutable: false }),
    last_review: new cognito.DateTimeAttribute({ mutable: true }),
  },
  passwordPolicy: {
    minLength: 12,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: false,
    tempPasswordValidity: cdk.Duration.days(3),
  },
  mfa: cognito.Mfa.OPTIONAL,
  mfaSecondFactor: { sms: true, otp: true },
  mfaMessage: 'Your cogref code is {####}',
  accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
  userVerification: {
    emailSubject: 'Verify your email',
    emailBody: 'Your verification code is {####}',
    emailStyle: cognito.VerificationEmailStyle.CODE,
    smsMessage: 'Your verification code is {####}',
  },
  userInvitation: {
    emailSubject: 'Welcome',
    emailBody: 'Hello {username}, your temporary password is {####}',
    smsMessage: 'Hello {username}, your temporary password is {####}',
  },
  deletionProtection: false,
  removalPolicy: cdk.RemovalPolicy.DESTROY,
});

// Developer-only attribute: not exposed by the L2 custom attribute classes, so an L1 override,
// as users do it. The index is looked up so a reordering in aws-cdk-lib cannot misplace it.
const cfnPool = pool.node.defaultChild as cognito.CfnUserPool;
const schema = cfnPool.schema as cognito.CfnUserPool.SchemaAttributeProperty[];
const devOnly = schema.findIndex((a) => a.name === 'internal_ref');
if (devOnly < 0) throw new Error('custom attribute internal_ref not found in the synthesized schema');
cfnPool.addPropertyOverride(`Schema.${devOnly}.DeveloperOnlyAttribute`, true);

const domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'cogref-cdk-full' } });

const readScope = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read orders' });
const writeScope = new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'write orders' });
const api = pool.addResourceServer('OrdersApi', {
  identifier: 'https://api.example.com/orders',
  userPoolResourceServerName: 'orders-api',
  scopes: [readScope, writeScope],
});

const google = new cognito.UserPoolIdentityProviderGoogle(full, 'Google', {
  userPool: pool,
  clientId: 'cogref-test-google-client-id.apps.googleusercontent.com',
  clientSecretValue: cdk.SecretValue.unsafePlainText('cogref-test-google-secret'),
  scopes: ['openid', 'email', 'profile'],
  attributeMapping: {
    email: cognito.ProviderAttribute.GOOGLE_EMAIL,
    givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME,
    familyName: cognito.ProviderAttribute.GOOGLE_FAMILY_NAME,
  },
});
const oidc = new cognito.UserPoolIdentityProviderOidc(full, 'Oidc', {
  userPool: pool,
  name: 'CorpOidc',
  clientId: 'cogref-test-oidc-client',
  clientSecret: 'cogref-test-oidc-secret',
  issuerUrl: 'https://idp.example.com',
  scopes: ['openid', 'email'],
  attributeRequestMethod: cognito.OidcAttributeRequestMethod.GET,
  identifiers: ['corp'],
  attributeMapping: {
    email: cognito.ProviderAttribute.other('email'),
    givenName: cognito.ProviderAttribute.other('given_name'),
  },
});
const saml = new cognito.UserPoolIdentityProviderSaml(full, 'Saml', {
  userPool: pool,
  name: 'CorpSaml',
  metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.example.com/saml/metadata.xml'),
  idpSignout: true,
  attributeMapping: {
    email: cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'),
  },
});

const web = pool.addClient('WebClient', {
  userPoolClientName: 'cogref-cdk-web',
  generateSecret: false,
  authFlows: { userSrp: true, custom: true },
  preventUserExistenceErrors: true,
  enableTokenRevocation: true,
  accessTokenValidity: cdk.Duration.minutes(30),
  idTokenValidity: cdk.Duration.minutes(30),
  refreshTokenValidity: cdk.Duration.days(7),
  authSessionValidity: cdk.Duration.minutes(5),
  supportedIdentityProviders: [
    cognito.UserPoolClientIdentityProvider.COGNITO,
    cognito.UserPoolClientIdentityProvider.GOOGLE,
    cognito.UserPoolClientIdentityProvider.custom(oidc.providerName),
    cognito.UserPoolClientIdentityProvider.custom(saml.providerName),
  ],
  oAuth: {
    flows: { authorizationCodeGrant: true },
    scopes: [
      cognito.OAuthScope.OPENID,
      cognito.OAuthScope.EMAIL,
      cognito.OAuthScope.PROFILE,
      cognito.OAuthScope.resourceServer(api, readScope),
    ],
    callbackUrls: ['https://app.example.com/callback', 'http://localhost:3000/callback'],
    logoutUrls: ['https://app.example.com/signout', 'http://localhost:3000/signout'],
    defaultRedirectUri: 'https://app.example.com/callback',
  },
  readAttributes: new cognito.ClientAttributes()
    .withStandardAttributes({ email: true, emailVerified: true, givenName: true, familyName: true })
    .withCustomAttributes('tier', 'seats', 'beta'),
  writeAttributes: new cognito.ClientAttributes()
    .withStandardAttributes({ givenName: true, familyName: true })
    .withCustomAttributes('tier'),
});
web.node.addDependency(google, oidc, saml);

const mobile = pool.addClient('MobileClient', {
  userPoolClientName: 'cogref-cdk-mobile',
  authFlows: { userSrp: true },
  oAuth: {
    flows: { authorizationCodeGrant: true },
    scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
    callbackUrls: ['myapp://callback'],
    logoutUrls: ['myapp://signout'],
  },
});

pool.addClient('ServiceClient', {
  userPoolClientName: 'cogref-cdk-service',
  generateSecret: true,
  authFlows: {},
  oAuth: {
    flows: { clientCredentials: true },
    scopes: [cognito.OAuthScope.resourceServer(api, readScope), cognito.OAuthScope.resourceServer(api, writeScope)],
  },
  accessTokenValidity: cdk.Duration.hours(1),
});

const idPoolProvider = (client: cognito.IUserPoolClient) =>
  new identitypool.UserPoolAuthenticationProvider({ userPool: pool, userPoolClient: client });

const adminRole = new iam.Role(full, 'AdminsRole', {
  roleName: 'cogref-cdk-full-admins',
  assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity'),
});
adminRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::cogref-admins'] }));
new cognito.CfnUserPoolGroup(full, 'AdminsGroup', {
  userPoolId: pool.userPoolId,
  groupName: 'admins',
  description: 'administrators',
  precedence: 1,
  roleArn: adminRole.roleArn,
});
new cognito.UserPoolGroup(full, 'ReadersGroup', { userPool: pool, groupName: 'readers', precedence: 10 });

const premiumRole = new iam.Role(full, 'PremiumRole', {
  assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity'),
});
const idPool = new identitypool.IdentityPool(full, 'IdentityPool', {
  identityPoolName: 'cogref_cdk_full_identity',
  allowUnauthenticatedIdentities: true,
  authenticationProviders: { userPools: [idPoolProvider(web), idPoolProvider(mobile)] },
  roleMappings: [
    {
      mappingKey: 'web',
      providerUrl: identitypool.IdentityPoolProviderUrl.userPool(pool, web),
      useToken: true,
    },
    {
      mappingKey: 'mobile',
      providerUrl: identitypool.IdentityPoolProviderUrl.userPool(pool, mobile),
      resolveAmbiguousRoles: true,
      rules: [
        {
          claim: 'custom:tier',
          claimValue: 'premium',
          mappedRole: premiumRole,
          matchType: identitypool.RoleMappingMatchType.EQUALS,
        },
      ],
    },
  ],
});

new cdk.CfnOutput(full, 'UserPoolId', { value: pool.userPoolId });
new cdk.CfnOutput(full, 'WebClientId', { value: web.userPoolClientId });
new cdk.CfnOutput(full, 'IdentityPoolId', { value: idPool.identityPoolId });
new cdk.CfnOutput(full, 'DomainName', { value: domain.domainName });

// ---------------------------------------------------------------------------------------------
const modern = new cdk.Stack(app, 'CogrefCdkModern', {
  description: 'cogref synth corpus: CDK UserPool with passwordless, email MFA, threat protection, triggers',
});

const trigger = (id: string, body: string) =>
  new lambda.Function(modern, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(`exports.handler = async (event) => { ${body} return event; };`),
  });
const preSignUp = trigger('PreSignUp', 'event.response.autoConfirmUser = false;');
const customMessage = trigger('CustomMessage', '');
const preToken = trigger('PreTokenGeneration', '');

const modernPool = new cognito.UserPool(modern, 'ModernPool', {
  userPoolName: 'cogref-cdk-modern',
  featurePlan: cognito.FeaturePlan.PLUS,
  signInAliases: { email: true },
  selfSignUpEnabled: true,
  autoVerify: { email: true },
  signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true, passkey: true } },
  passkeyRelyingPartyId: 'auth.example.com',
  passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED,
  mfa: cognito.Mfa.OPTIONAL,
  mfaSecondFactor: { sms: false, otp: true, email: true },
  email: cognito.UserPoolEmail.withSES({
    fromEmail: 'no-reply@example.com',
    fromName: 'cogref',
    sesRegion: 'us-east-1',
    sesVerifiedDomain: 'example.com',
  }),
  standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
  customThreatProtectionMode: cognito.CustomThreatProtectionMode.AUDIT_ONLY,
  lambdaTriggers: { preSignUp, customMessage },
  deletionProtection: true,
  removalPolicy: cdk.RemovalPolicy.RETAIN,
});
modernPool.addTrigger(
  cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
  preToken,
  cognito.LambdaVersion.V2_0,
);
const spa = modernPool.addClient('SpaClient', {
  userPoolClientName: 'cogref-cdk-modern-spa',
  authFlows: { user: true, userSrp: true },
  refreshTokenRotationGracePeriod: cdk.Duration.seconds(30),
  oAuth: { callbackUrls: ['https://modern.example.com/'], logoutUrls: ['https://modern.example.com/'] },
});
modernPool.addDomain('ModernDomain', {
  cognitoDomain: { domainPrefix: 'cogref-cdk-modern' },
  managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
});
new cdk.CfnOutput(modern, 'ModernUserPoolId', { value: modernPool.userPoolId });
new cdk.CfnOutput(modern, 'SpaClientId', { value: spa.userPoolClientId });

app.synth();
