/**
 * Amplify Gen2 auth for the synth corpus (scripts/synth.sh): email login with a code, OPTIONAL
 * MFA (SMS + TOTP), two groups, custom attributes of every type, and Google, OIDC and SAML
 * providers with callback/logout URLs. The provider secrets are Amplify `secret()`s, resolved at
 * deploy time by Amplify's secret-fetcher custom resource (its Lambda is bundled by esbuild).
 */
import { defineAuth, secret } from '@aws-amplify/backend';

export const auth = defineAuth({
  loginWith: {
    email: {
      verificationEmailStyle: 'CODE',
      verificationEmailSubject: 'Welcome to cogref',
      verificationEmailBody: (createCode) => `Your verification code is ${createCode()}`,
    },
    externalProviders: {
      google: {
        clientId: secret('GOOGLE_CLIENT_ID'),
        clientSecret: secret('GOOGLE_CLIENT_SECRET'),
        scopes: ['email', 'profile', 'openid'],
        attributeMapping: { email: 'email', givenName: 'given_name' },
      },
      oidc: [
        {
          name: 'CorpOidc',
          clientId: secret('OIDC_CLIENT_ID'),
          clientSecret: secret('OIDC_CLIENT_SECRET'),
          issuerUrl: 'https://idp.example.com',
          scopes: ['openid', 'email'],
        },
      ],
      saml: {
        name: 'CorpSaml',
        metadata: {
          metadataContent: 'https://idp.example.com/saml/metadata.xml',
          metadataType: 'URL',
        },
      },
      callbackUrls: ['http://localhost:3000/profile', 'https://app.example.com/profile'],
      logoutUrls: ['http://localhost:3000/', 'https://app.example.com/'],
    },
  },
  multifactor: { mode: 'OPTIONAL', sms: true, totp: true },
  groups: ['ADMINS', 'EDITORS'],
  userAttributes: {
    givenName: { required: false, mutable: true },
    preferredUsername: { required: false, mutable: true },
    'custom:display_name': { dataType: 'String', mutable: true, minLen: 1, maxLen: 16 },
    'custom:favorite_number': { dataType: 'Number', mutable: true, min: 1, max: 100 },
    'custom:is_beta_user': { dataType: 'Boolean', mutable: true },
    'custom:started_free_trial': { dataType: 'DateTime', mutable: false },
  },
  accountRecovery: 'EMAIL_ONLY',
});
