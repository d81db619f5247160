# Import ids in the formats the AWS provider documents for each resource type.

import {
  to = aws_cognito_user_pool.partner_portal
  id = "us-east-1_78f2ce6bd46b415daada79a34970ed9a"
}

import {
  to = aws_cognito_identity_provider.partner_portal_partneroidc
  id = "us-east-1_78f2ce6bd46b415daada79a34970ed9a:PartnerOIDC"
}

import {
  to = aws_cognito_identity_provider.partner_portal_partnersaml
  id = "us-east-1_78f2ce6bd46b415daada79a34970ed9a:PartnerSAML"
}

import {
  to = aws_cognito_user_pool_client.partner_portal_partner_sync
  id = "us-east-1_78f2ce6bd46b415daada79a34970ed9a/28f4e3ceaded4a80bff9507dcd"
}

import {
  to = aws_cognito_user_pool_client.partner_portal_partner_web
  id = "us-east-1_78f2ce6bd46b415daada79a34970ed9a/62fb26d7f4db4a07a506f67070"
}

import {
  to = aws_cognito_user_pool.shop_customers
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448"
}

import {
  to = aws_cognito_user_pool_domain.shop_customers
  id = "shop-customers-demo"
}

import {
  to = aws_cognito_identity_provider.shop_customers_google
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448:Google"
}

import {
  to = aws_cognito_resource_server.shop_customers_shop_api
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448|https://api.shop.example.com"
}

import {
  to = aws_cognito_user_pool_client.shop_customers_shop_backend
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448/570210496a394aa69abac50dca"
}

import {
  to = aws_cognito_user_pool_client.shop_customers_shop_web
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448/ed7bf656218a45368c99a89444"
}

import {
  to = aws_cognito_user_group.shop_customers_admins
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448/admins"
}

import {
  to = aws_cognito_user_group.shop_customers_customers
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448/customers"
}

import {
  to = aws_cognito_user_group.shop_customers_staff
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448/staff"
}

import {
  to = aws_cognito_risk_configuration.shop_customers
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448"
}

import {
  to = aws_cognito_user_pool_ui_customization.shop_customers
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448,ALL"
}

import {
  to = aws_cognito_risk_configuration.shop_customers_shop_web
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448:ed7bf656218a45368c99a89444"
}

import {
  to = aws_cognito_user_pool_ui_customization.shop_customers_shop_web
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448,ed7bf656218a45368c99a89444"
}

import {
  to = aws_cognito_managed_login_branding.shop_customers_shop_web
  id = "c12169db-2f12-4150-a05f-b1eb4cc57e0d|us-east-1_7bf47042bd1541c8b764fbda3108d448|ed7bf656218a45368c99a89444"
}

import {
  to = aws_cognito_log_delivery_configuration.shop_customers
  id = "us-east-1_7bf47042bd1541c8b764fbda3108d448"
}

import {
  to = aws_cognito_user_pool.field_ops
  id = "us-east-1_eedaa8024568442689e03e22d3f4a49b"
}

import {
  to = aws_cognito_user_pool_client.field_ops_field_app
  id = "us-east-1_eedaa8024568442689e03e22d3f4a49b/2999394c54a7469b9cd66b09cf"
}

import {
  to = aws_cognito_user_pool_client.field_ops_field_sync
  id = "us-east-1_eedaa8024568442689e03e22d3f4a49b/28e333b64e8a4c4bb72420411e"
}

import {
  to = aws_cognito_identity_pool.shop_identity
  id = "us-east-1:54fd9ad3-9716-408e-b721-69bb80962718"
}

import {
  to = aws_cognito_identity_pool_roles_attachment.shop_identity
  id = "us-east-1:54fd9ad3-9716-408e-b721-69bb80962718"
}

import {
  to = aws_cognito_identity_pool_provider_principal_tag.shop_identity_shop_customers
  id = "us-east-1:54fd9ad3-9716-408e-b721-69bb80962718:cognito-idp.us-east-1.amazonaws.com/us-east-1_7bf47042bd1541c8b764fbda3108d448"
}

import {
  to = aws_cognito_identity_pool.partner_identity
  id = "us-east-1:b1a8b71f-491b-40e9-9ca3-fbb3ff11c8ba"
}

import {
  to = aws_cognito_identity_pool_roles_attachment.partner_identity
  id = "us-east-1:b1a8b71f-491b-40e9-9ca3-fbb3ff11c8ba"
}

import {
  to = aws_iam_role.field_ops_sms_role
  id = "field-ops-sms-role"
}

import {
  to = aws_iam_role_policy.field_ops_sms_role_allow_sns_publish
  id = "field-ops-sms-role:allow-sns-publish"
}

import {
  to = aws_iam_role.partner_auth_role
  id = "partner-auth-role"
}

import {
  to = aws_iam_role_policy.partner_auth_role_allow_s3_read
  id = "partner-auth-role:allow-s3-read"
}

import {
  to = aws_iam_role_policy_attachment.partner_auth_role_partner_auth_policy
  id = "partner-auth-role/arn:aws:iam::123456789012:policy/partner-auth-policy"
}

import {
  to = aws_iam_role.shop_admins_role
  id = "shop-admins-role"
}

import {
  to = aws_iam_role_policy.shop_admins_role_allow_orders_admin
  id = "shop-admins-role:allow-orders-admin"
}

import {
  to = aws_iam_role_policy_attachment.shop_admins_role_shop_staff_policy
  id = "shop-admins-role/arn:aws:iam::123456789012:policy/shop-staff-policy"
}

import {
  to = aws_iam_role.shop_auth_role
  id = "shop-auth-role"
}

import {
  to = aws_iam_role_policy.shop_auth_role_allow_s3_read
  id = "shop-auth-role:allow-s3-read"
}

import {
  to = aws_iam_role_policy_attachment.shop_auth_role_shop_auth_policy
  id = "shop-auth-role/arn:aws:iam::123456789012:policy/shop-auth-policy"
}

import {
  to = aws_iam_role_policy_attachment.shop_auth_role_amazons3readonlyaccess
  id = "shop-auth-role/arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}

import {
  to = aws_iam_role.shop_staff_role
  id = "shop-staff-role"
}

import {
  to = aws_iam_role_policy_attachment.shop_staff_role_shop_staff_policy
  id = "shop-staff-role/arn:aws:iam::123456789012:policy/shop-staff-policy"
}

import {
  to = aws_iam_role.shop_unauth_role
  id = "shop-unauth-role"
}

import {
  to = aws_iam_role_policy.shop_unauth_role_allow_s3_read
  id = "shop-unauth-role:allow-s3-read"
}
