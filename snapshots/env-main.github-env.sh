# cogref emit env: branch main
echo "SHOP_AUTH_USER_POOL_ID=us-east-1_7bf47042bd1541c8b764fbda3108d448" >> "$GITHUB_ENV"
echo "SHOP_AUTH_USER_POOL_CLIENT_ID=ed7bf656218a45368c99a89444" >> "$GITHUB_ENV"
echo "SHOP_AUTH_IDENTITY_POOL_ID=us-east-1:54fd9ad3-9716-408e-b721-69bb80962718" >> "$GITHUB_ENV"
echo "SHOP_AUTH_AUTH_ROLE_ARN=arn:aws:iam::123456789012:role/shop-auth-role" >> "$GITHUB_ENV"
echo "SHOP_AUTH_UNAUTH_ROLE_ARN=arn:aws:iam::123456789012:role/shop-unauth-role" >> "$GITHUB_ENV"
echo "SHOP_AUTH_GROUP_ADMINS_ROLE_ARN=arn:aws:iam::123456789012:role/shop-admins-role" >> "$GITHUB_ENV"
echo "SHOP_AUTH_GROUP_STAFF_ROLE_ARN=arn:aws:iam::123456789012:role/shop-staff-role" >> "$GITHUB_ENV"
