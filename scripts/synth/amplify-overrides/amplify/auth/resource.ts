/**
 * Amplify Gen2 auth for the synth corpus (scripts/synth.sh), set up as Amplify's docs ask before
 * the CDK overrides in ../backend.ts: email + phone login, OPTIONAL MFA with SMS, an account
 * recovery option compatible with email MFA, and an SES sender.
 */
import { defineAuth } from '@aws-amplify/backend';

export const auth = defineAuth({
  loginWith: { email: true, phone: true },
  multifactor: { mode: 'OPTIONAL', sms: true, totp: false },
  accountRecovery: 'EMAIL_AND_PHONE_WITHOUT_MFA',
  senders: { email: { fromEmail: 'registrations@example.com' } },
});
