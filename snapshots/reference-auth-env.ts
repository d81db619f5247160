// Written by `cogref emit reference-auth --env SHOP_AUTH` from user pool shop-customers.
// Every id and ARN comes from SHOP_AUTH_* environment variables, set per branch with
// `cogref emit env --prefix SHOP_AUTH`; check each branch with `cogref check`.
import { referenceAuth } from '@aws-amplify/backend';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set (cogref emit env --prefix SHOP_AUTH writes it)`);
  }
  return value;
}

export const auth = referenceAuth({
  userPoolId: required('SHOP_AUTH_USER_POOL_ID'),
  userPoolClientId: required('SHOP_AUTH_USER_POOL_CLIENT_ID'),
  identityPoolId: required('SHOP_AUTH_IDENTITY_POOL_ID'),
  authRoleArn: required('SHOP_AUTH_AUTH_ROLE_ARN'),
  unauthRoleArn: required('SHOP_AUTH_UNAUTH_ROLE_ARN'),
  groups: {
    admins: required('SHOP_AUTH_GROUP_ADMINS_ROLE_ARN'),
    staff: required('SHOP_AUTH_GROUP_STAFF_ROLE_ARN'),
  },
});
