# cogref emit env: branch main
export SHOP_AUTH_USER_POOL_ID='us-east-1_7bf47042bd1541c8b764fbda3108d448'
export SHOP_AUTH_USER_POOL_CLIENT_ID='ed7bf656218a45368c99a89444'
export SHOP_AUTH_IDENTITY_POOL_ID='us-east-1:54fd9ad3-9716-408e-b721-69bb80962718'
export SHOP_AUTH_AUTH_ROLE_ARN='arn:aws:iam::123456789012:role/shop-auth-role'
export SHOP_AUTH_UNAUTH_ROLE_ARN='arn:aws:iam::123456789012:role/shop-unauth-role'
export SHOP_AUTH_GROUP_ADMINS_ROLE_ARN='arn:aws:iam::123456789012:role/shop-admins-role'
export SHOP_AUTH_GROUP_STAFF_ROLE_ARN='arn:aws:iam::123456789012:role/shop-staff-role'
