/**
 * Amplify Gen2 backend for the synth corpus: the L1 overrides from Amplify's "Modify
 * Amplify-generated Cognito resources with CDK" page (docs.amplify.aws, build-a-backend/auth/
 * modify-resources-with-cdk): a password policy set through `cfnUserPool.policies`, email MFA
 * through `userPoolAddOns` + `enabledMfas`, and passwordless sign-in (choice-based USER_AUTH with
 * `Policies.SignInPolicy.AllowedFirstAuthFactors` and WebAuthn) through addPropertyOverride.
 */
import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';

const backend = defineBackend({ auth });
const { cfnUserPool, cfnUserPoolClient } = backend.auth.resources.cfnResources;

// Password policy through the L1 property.
cfnUserPool.policies = {
  passwordPolicy: {
    minimumLength: 10,
    requireLowercase: true,
    requireNumbers: true,
    requireSymbols: true,
    requireUppercase: true,
    temporaryPasswordValidityDays: 20,
  },
};

// Email MFA: advanced security on, EMAIL_OTP added to the MFA options.
cfnUserPool.userPoolAddOns = { advancedSecurityMode: 'AUDIT' };
cfnUserPool.enabledMfas = [...(cfnUserPool.enabledMfas || []), 'EMAIL_OTP'];

// Passwordless: the first factors USER_AUTH may offer, the client flow, and WebAuthn settings.
cfnUserPool.addPropertyOverride('Policies.SignInPolicy.AllowedFirstAuthFactors', [
  'PASSWORD',
  'WEB_AUTHN',
  'EMAIL_OTP',
  'SMS_OTP',
]);
cfnUserPoolClient.explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH'];
cfnUserPool.addPropertyOverride('WebAuthnRelyingPartyID', 'auth.example.com');
cfnUserPool.addPropertyOverride('WebAuthnUserVerification', 'preferred');
// Choice-based sign-in needs the Essentials feature plan.
cfnUserPool.addPropertyOverride('UserPoolTier', 'ESSENTIALS');
