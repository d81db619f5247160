/** Amplify Gen2 backend for the synth corpus: phone login, synthesized as a branch deployment. */
import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';

defineBackend({ auth });
