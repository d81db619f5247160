/** Amplify Gen2 backend for the synth corpus: the email + MFA + groups + IdPs auth, unchanged. */
import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';

defineBackend({ auth });
