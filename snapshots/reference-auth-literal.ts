// Written by `cogref emit reference-auth` for user pool shop-customers (us-east-1_7bf47042bd1541c8b764fbda3108d448),
// app client shop-web (ed7bf656218a45368c99a89444) and identity pool shop_identity (us-east-1:54fd9ad3-9716-408e-b721-69bb80962718).
// Check again before deploying: cogref check --pool us-east-1_7bf47042bd1541c8b764fbda3108d448 --client ed7bf656218a45368c99a89444 --identity-pool us-east-1:54fd9ad3-9716-408e-b721-69bb80962718
import { referenceAuth } from '@aws-amplify/backend';

export const auth = referenceAuth({
  userPoolId: 'us-east-1_7bf47042bd1541c8b764fbda3108d448',
  identityPoolId: 'us-east-1:54fd9ad3-9716-408e-b721-69bb80962718',
  userPoolClientId: 'ed7bf656218a45368c99a89444',
  authRoleArn: 'arn:aws:iam::123456789012:role/shop-auth-role',
  unauthRoleArn: 'arn:aws:iam::123456789012:role/shop-unauth-role',
  groups: {
    admins: 'arn:aws:iam::123456789012:role/shop-admins-role',
    staff: 'arn:aws:iam::123456789012:role/shop-staff-role',
  },
});
