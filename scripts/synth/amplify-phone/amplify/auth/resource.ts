/** Amplify Gen2 auth for the synth corpus (scripts/synth.sh): phone number as the login, nothing else. */
import { defineAuth } from '@aws-amplify/backend';

export const auth = defineAuth({
  loginWith: { phone: true },
});
