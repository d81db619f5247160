# Amazon Cognito resources of 123456789012 in us-east-1, written by `cogref emit terraform`.
# Adopt them with the import blocks in imports.tf (Terraform >= 1.5); see IMPORT.md.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_cognito_user_pool" "partner_portal" {
  name                     = "partner-portal"
  alias_attributes         = ["email", "preferred_username"]
  auto_verified_attributes = ["email"]
  deletion_protection      = "INACTIVE"
  mfa_configuration        = "OFF"
  user_pool_tier           = "ESSENTIALS"

  tags = {
    team = "partners"
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  email_configuration {
    email_sending_account = "COGNITO_DEFAULT"
  }

  password_policy {
    minimum_length                   = 8
    require_lowercase                = true
    require_numbers                  = true
    require_symbols                  = false
    require_uppercase                = true
    temporary_password_validity_days = 7
  }

  schema {
    name                     = "company"
    attribute_data_type      = "String"
    developer_only_attribute = false
    mutable                  = true
    required                 = false

    string_attribute_constraints {
      min_length = 1
      max_length = 64
    }
  }

  sign_in_policy {
    allowed_first_auth_factors = ["PASSWORD"]
  }

  verification_message_template {
    default_email_option = "CONFIRM_WITH_CODE"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cognito_identity_provider" "partner_portal_partneroidc" {
  user_pool_id  = aws_cognito_user_pool.partner_portal.id
  provider_name = "PartnerOIDC"
  provider_type = "OIDC"

  provider_details = {
    attributes_request_method     = "GET"
    attributes_url_add_attributes = "false"
    authorize_scopes              = "openid email"
    client_id                     = "partner-portal-client"
    client_secret                 = var.partner_portal_partneroidc_client_secret
    oidc_issuer                   = "https://idp.partner.example.com"
  }

  attribute_mapping = {
    email = "email"
  }
}

resource "aws_cognito_identity_provider" "partner_portal_partnersaml" {
  user_pool_id  = aws_cognito_user_pool.partner_portal.id
  provider_name = "PartnerSAML"
  provider_type = "SAML"

  provider_details = {
    MetadataURL = "https://idp.partner.example.com/saml/metadata.xml"
  }

  attribute_mapping = {
    email = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
  }
}

resource "aws_cognito_user_pool_client" "partner_portal_partner_sync" {
  name                                          = "partner-sync"
  user_pool_id                                  = aws_cognito_user_pool.partner_portal.id
  generate_secret                               = true
  refresh_token_validity                        = 30
  auth_session_validity                         = 3
  explicit_auth_flows                           = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  enable_token_revocation                       = true
  enable_propagate_additional_user_context_data = false

  token_validity_units {
    refresh_token = "days"
  }
}

resource "aws_cognito_user_pool_client" "partner_portal_partner_web" {
  name                                          = "partner-web"
  user_pool_id                                  = aws_cognito_user_pool.partner_portal.id
  refresh_token_validity                        = 30
  auth_session_validity                         = 3
  explicit_auth_flows                           = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
  supported_identity_providers                  = ["COGNITO", "PartnerOIDC", "PartnerSAML"]
  callback_urls                                 = ["https://partners.example.com/callback"]
  logout_urls                                   = ["https://partners.example.com/"]
  allowed_oauth_flows                           = ["code"]
  allowed_oauth_scopes                          = ["email", "openid"]
  allowed_oauth_flows_user_pool_client          = true
  enable_token_revocation                       = true
  enable_propagate_additional_user_context_data = false

  token_validity_units {
    refresh_token = "days"
  }

  depends_on = [aws_cognito_identity_provider.partner_portal_partneroidc, aws_cognito_identity_provider.partner_portal_partnersaml]
}

resource "aws_cognito_user_pool" "shop_customers" {
  name                     = "shop-customers"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = "ACTIVE"
  mfa_configuration        = "OPTIONAL"
  user_pool_tier           = "ESSENTIALS"

  tags = {
    env  = "prod"
    team = "shop"
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  email_configuration {
    email_sending_account  = "DEVELOPER"
    from_email_address     = "Shop <no-reply@shop.example.com>"
    reply_to_email_address = "support@shop.example.com"
    source_arn             = "arn:aws:ses:us-east-1:123456789012:identity/shop.example.com"
  }

  lambda_config {
    post_confirmation = "arn:aws:lambda:us-east-1:123456789012:function:shop-post-confirmation"
    pre_sign_up       = "arn:aws:lambda:us-east-1:123456789012:function:shop-pre-signup"
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_numbers                  = true
    require_symbols                  = true
    require_uppercase                = true
    temporary_password_validity_days = 3
  }

  schema {
    name                     = "loyalty_points"
    attribute_data_type      = "Number"
    developer_only_attribute = false
    mutable                  = true
    required                 = false

    number_attribute_constraints {
      min_value = 0
      max_value = 100000
    }
  }

  schema {
    name                     = "tier"
    attribute_data_type      = "String"
    developer_only_attribute = false
    mutable                  = true
    required                 = false

    string_attribute_constraints {
      min_length = 1
      max_length = 32
    }
  }

  schema {
    name                     = "email"
    attribute_data_type      = "String"
    developer_only_attribute = false
    mutable                  = true
    required                 = true

    string_attribute_constraints {
      min_length = 0
      max_length = 2048
    }
  }

  sign_in_policy {
    allowed_first_auth_factors = ["PASSWORD"]
  }

  software_token_mfa_configuration {
    enabled = true
  }

  username_configuration {
    case_sensitive = false
  }

  verification_message_template {
    default_email_option = "CONFIRM_WITH_CODE"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cognito_user_pool_domain" "shop_customers" {
  domain       = "shop-customers-demo"
  user_pool_id = aws_cognito_user_pool.shop_customers.id
}

resource "aws_cognito_identity_provider" "shop_customers_google" {
  user_pool_id  = aws_cognito_user_pool.shop_customers.id
  provider_name = "Google"
  provider_type = "Google"

  provider_details = {
    attributes_url                = "https://people.googleapis.com/v1/people/me?personFields="
    attributes_url_add_attributes = "true"
    authorize_scopes              = "profile email openid"
    authorize_url                 = "https://accounts.google.com/o/oauth2/v2/auth"
    client_id                     = "shop-google.apps.example.com"
    client_secret                 = var.shop_customers_google_client_secret
    oidc_issuer                   = "https://accounts.google.com"
    token_request_method          = "POST"
    token_url                     = "https://www.googleapis.com/oauth2/v4/token"
  }

  attribute_mapping = {
    email    = "email"
    username = "sub"
  }
}

resource "aws_cognito_resource_server" "shop_customers_shop_api" {
  identifier   = "https://api.shop.example.com"
  name         = "shop-api"
  user_pool_id = aws_cognito_user_pool.shop_customers.id

  scope {
    scope_name        = "orders.read"
    scope_description = "Read orders"
  }

  scope {
    scope_name        = "orders.write"
    scope_description = "Place and change orders"
  }
}

resource "aws_cognito_user_pool_client" "shop_customers_shop_backend" {
  name                                          = "shop-backend"
  user_pool_id                                  = aws_cognito_user_pool.shop_customers.id
  generate_secret                               = true
  refresh_token_validity                        = 30
  auth_session_validity                         = 3
  explicit_auth_flows                           = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  enable_token_revocation                       = true
  enable_propagate_additional_user_context_data = false

  token_validity_units {
    refresh_token = "days"
  }
}

resource "aws_cognito_user_pool_client" "shop_customers_shop_web" {
  name                                          = "shop-web"
  user_pool_id                                  = aws_cognito_user_pool.shop_customers.id
  access_token_validity                         = 60
  id_token_validity                             = 60
  refresh_token_validity                        = 30
  auth_session_validity                         = 3
  explicit_auth_flows                           = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
  supported_identity_providers                  = ["COGNITO", "Google"]
  callback_urls                                 = ["http://localhost:3000/callback", "https://shop.example.com/callback"]
  logout_urls                                   = ["http://localhost:3000/", "https://shop.example.com/logout"]
  allowed_oauth_flows                           = ["code"]
  allowed_oauth_scopes                          = ["email", "openid", "profile"]
  allowed_oauth_flows_user_pool_client          = true
  prevent_user_existence_errors                 = "ENABLED"
  enable_token_revocation                       = true
  enable_propagate_additional_user_context_data = false

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  depends_on = [aws_cognito_identity_provider.shop_customers_google]
}

resource "aws_cognito_user_group" "shop_customers_admins" {
  name         = "admins"
  user_pool_id = aws_cognito_user_pool.shop_customers.id
  description  = "admins of shop-customers"
  precedence   = 1
  role_arn     = aws_iam_role.shop_admins_role.arn
}

resource "aws_cognito_user_group" "shop_customers_customers" {
  name         = "customers"
  user_pool_id = aws_cognito_user_pool.shop_customers.id
  description  = "customers of shop-customers"
  precedence   = 100
}

resource "aws_cognito_user_group" "shop_customers_staff" {
  name         = "staff"
  user_pool_id = aws_cognito_user_pool.shop_customers.id
  description  = "staff of shop-customers"
  precedence   = 10
  role_arn     = aws_iam_role.shop_staff_role.arn
}

resource "aws_cognito_risk_configuration" "shop_customers" {
  user_pool_id = aws_cognito_user_pool.shop_customers.id

  compromised_credentials_risk_configuration {
    event_filter = ["SIGN_IN", "PASSWORD_CHANGE"]

    actions {
      event_action = "BLOCK"
    }
  }

  risk_exception_configuration {
    blocked_ip_range_list = ["192.0.2.0/24"]
  }
}

resource "aws_cognito_user_pool_ui_customization" "shop_customers" {
  user_pool_id = aws_cognito_user_pool.shop_customers.id
  css          = ".banner-customizable {background-color: #0f1b2d;}"
  depends_on   = [aws_cognito_user_pool_domain.shop_customers]
}

resource "aws_cognito_risk_configuration" "shop_customers_shop_web" {
  user_pool_id = aws_cognito_user_pool.shop_customers.id
  client_id    = aws_cognito_user_pool_client.shop_customers_shop_web.id

  account_takeover_risk_configuration {
    actions {
      high_action {
        event_action = "BLOCK"
        notify       = false
      }

      low_action {
        event_action = "NO_ACTION"
        notify       = false
      }

      medium_action {
        event_action = "MFA_IF_CONFIGURED"
        notify       = false
      }
    }
  }
}

resource "aws_cognito_user_pool_ui_customization" "shop_customers_shop_web" {
  user_pool_id = aws_cognito_user_pool.shop_customers.id
  client_id    = aws_cognito_user_pool_client.shop_customers_shop_web.id
  css          = ".submitButton-customizable {background-color: #e4572e;}"
  depends_on   = [aws_cognito_user_pool_domain.shop_customers]
}

resource "aws_cognito_managed_login_branding" "shop_customers_shop_web" {
  user_pool_id = aws_cognito_user_pool.shop_customers.id
  client_id    = aws_cognito_user_pool_client.shop_customers_shop_web.id
  settings     = "{\"categories\":{\"global\":{\"colorSchemeMode\":\"LIGHT\"}},\"components\":{\"primaryButton\":{\"lightMode\":{\"defaults\":{\"backgroundColor\":\"e4572eff\",\"textColor\":\"ffffffff\"}}}}}"

  asset {
    bytes      = "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjwvc3ZnPg=="
    category   = "FAVICON_SVG"
    color_mode = "DYNAMIC"
    extension  = "SVG"
  }
}

resource "aws_cognito_log_delivery_configuration" "shop_customers" {
  user_pool_id = aws_cognito_user_pool.shop_customers.id

  log_configurations {
    event_source = "userNotification"
    log_level    = "ERROR"

    cloud_watch_logs_configuration {
      log_group_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cognito/shop-customers"
    }
  }
}

resource "aws_cognito_user_pool" "field_ops" {
  name                       = "field-ops"
  username_attributes        = ["phone_number"]
  auto_verified_attributes   = ["phone_number"]
  deletion_protection        = "INACTIVE"
  mfa_configuration          = "ON"
  sms_authentication_message = "Your code is {####}"
  user_pool_tier             = "ESSENTIALS"

  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  email_configuration {
    email_sending_account = "COGNITO_DEFAULT"
  }

  password_policy {
    minimum_length                   = 8
    require_lowercase                = true
    require_numbers                  = true
    require_symbols                  = true
    require_uppercase                = true
    temporary_password_validity_days = 7
  }

  sign_in_policy {
    allowed_first_auth_factors = ["PASSWORD"]
  }

  sms_configuration {
    external_id    = "field-ops-external"
    sns_caller_arn = aws_iam_role.field_ops_sms_role.arn
  }

  verification_message_template {
    default_email_option = "CONFIRM_WITH_CODE"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cognito_user_pool_client" "field_ops_field_app" {
  name                                          = "field-app"
  user_pool_id                                  = aws_cognito_user_pool.field_ops.id
  access_token_validity                         = 1
  refresh_token_validity                        = 7
  auth_session_validity                         = 3
  explicit_auth_flows                           = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
  enable_token_revocation                       = true
  enable_propagate_additional_user_context_data = false

  token_validity_units {
    access_token  = "hours"
    refresh_token = "days"
  }
}

resource "aws_cognito_user_pool_client" "field_ops_field_sync" {
  name                                          = "field-sync"
  user_pool_id                                  = aws_cognito_user_pool.field_ops.id
  generate_secret                               = true
  refresh_token_validity                        = 30
  auth_session_validity                         = 3
  explicit_auth_flows                           = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  enable_token_revocation                       = true
  enable_propagate_additional_user_context_data = false

  token_validity_units {
    refresh_token = "days"
  }
}

resource "aws_cognito_identity_pool" "shop_identity" {
  identity_pool_name               = "shop_identity"
  allow_unauthenticated_identities = true
  allow_classic_flow               = false

  tags = {
    team = "shop"
  }

  cognito_identity_providers {
    client_id               = aws_cognito_user_pool_client.shop_customers_shop_web.id
    provider_name           = aws_cognito_user_pool.shop_customers.endpoint
    server_side_token_check = false
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cognito_identity_pool_roles_attachment" "shop_identity" {
  identity_pool_id = aws_cognito_identity_pool.shop_identity.id

  roles = {
    authenticated   = aws_iam_role.shop_auth_role.arn
    unauthenticated = aws_iam_role.shop_unauth_role.arn
  }

  role_mapping {
    identity_provider         = "${aws_cognito_user_pool.shop_customers.endpoint}:${aws_cognito_user_pool_client.shop_customers_shop_web.id}"
    ambiguous_role_resolution = "AuthenticatedRole"
    type                      = "Token"
  }
}

resource "aws_cognito_identity_pool_provider_principal_tag" "shop_identity_shop_customers" {
  identity_pool_id       = aws_cognito_identity_pool.shop_identity.id
  identity_provider_name = aws_cognito_user_pool.shop_customers.endpoint
  use_defaults           = false

  principal_tags = {
    client = "aud"
    tier   = "custom:tier"
  }
}

resource "aws_cognito_identity_pool" "partner_identity" {
  identity_pool_name               = "partner_identity"
  allow_unauthenticated_identities = false
  allow_classic_flow               = false

  cognito_identity_providers {
    client_id               = aws_cognito_user_pool_client.partner_portal_partner_web.id
    provider_name           = aws_cognito_user_pool.partner_portal.endpoint
    server_side_token_check = false
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cognito_identity_pool_roles_attachment" "partner_identity" {
  identity_pool_id = aws_cognito_identity_pool.partner_identity.id

  roles = {
    authenticated = aws_iam_role.partner_auth_role.arn
  }

  role_mapping {
    identity_provider         = "${aws_cognito_user_pool.partner_portal.endpoint}:${aws_cognito_user_pool_client.partner_portal_partner_web.id}"
    ambiguous_role_resolution = "Deny"
    type                      = "Rules"

    mapping_rule {
      claim      = "custom:company"
      match_type = "Equals"
      role_arn   = aws_iam_role.partner_auth_role.arn
      value      = "acme"
    }
  }
}

resource "aws_iam_role" "field_ops_sms_role" {
  name                 = "field-ops-sms-role"
  path                 = "/"
  description          = "field-ops sends SMS"
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Statement = [
      {
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "sts:ExternalId" = "field-ops-external"
          }
        }
        Effect = "Allow"
        Principal = {
          Service = "cognito-idp.amazonaws.com"
        }
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_role_policy" "field_ops_sms_role_allow_sns_publish" {
  name = "allow-sns-publish"
  role = aws_iam_role.field_ops_sms_role.id
  policy = jsonencode({
    Statement = [
      {
        Action   = ["sns:Publish"]
        Effect   = "Allow"
        Resource = ["*"]
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_role" "partner_auth_role" {
  name                 = "partner-auth-role"
  path                 = "/partner/"
  description          = "Signed-in partners"
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Statement = [
      {
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          "ForAnyValue:StringLike" = {
            "cognito-identity.amazonaws.com:amr" = "authenticated"
          }
          StringEquals = {
            "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.partner_identity.id
          }
        }
        Effect = "Allow"
        Principal = {
          Federated = "cognito-identity.amazonaws.com"
        }
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_role_policy" "partner_auth_role_allow_s3_read" {
  name = "allow-s3-read"
  role = aws_iam_role.partner_auth_role.id
  policy = jsonencode({
    Statement = [
      {
        Action   = ["s3:GetObject"]
        Effect   = "Allow"
        Resource = ["arn:aws:s3:::partner-drop/*"]
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_role_policy_attachment" "partner_auth_role_partner_auth_policy" {
  role       = aws_iam_role.partner_auth_role.name
  policy_arn = "arn:aws:iam::123456789012:policy/partner-auth-policy"
}

resource "aws_iam_role" "shop_admins_role" {
  name                 = "shop-admins-role"
  path                 = "/"
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Statement = [
      {
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          "ForAnyValue:StringLike" = {
            "cognito-identity.amazonaws.com:amr" = "authenticated"
          }
          StringEquals = {
            "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.shop_identity.id
          }
        }
        Effect = "Allow"
        Principal = {
          Federated = "cognito-identity.amazonaws.com"
        }
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_role_policy" "shop_admins_role_allow_orders_admin" {
  name = "allow-orders-admin"
  role = aws_iam_role.shop_admins_role.id
  policy = jsonencode({
    Statement = [
      {
        Action   = ["dynamodb:*"]
        Effect   = "Allow"
        Resource = ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"]
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_role_policy_attachment" "shop_admins_role_shop_staff_policy" {
  role       = aws_iam_role.shop_admins_role.name
  policy_arn = "arn:aws:iam::123456789012:policy/shop-staff-policy"
}

resource "aws_iam_role" "shop_auth_role" {
  name                 = "shop-auth-role"
  path                 = "/"
  description          = "Signed-in shop customers"
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Statement = [
      {
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          "ForAnyValue:StringLike" = {
            "cognito-identity.amazonaws.com:amr" = "authenticated"
          }
          StringEquals = {
            "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.shop_identity.id
          }
        }
        Effect = "Allow"
        Principal = {
          Federated = "cognito-identity.amazonaws.com"
        }
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_role_policy" "shop_auth_role_allow_s3_read" {
  name = "allow-s3-read"
  role = aws_iam_role.shop_auth_role.id
  policy = jsonencode({
    Statement = [
      {
        Action   = ["s3:GetObject"]
        Effect   = "Allow"
        Resource = ["arn:aws:s3:::shop-assets/private/*"]
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_role_policy_attachment" "shop_auth_role_shop_auth_policy" {
  role       = aws_iam_role.shop_auth_role.name
  policy_arn = "arn:aws:iam::123456789012:policy/shop-auth-policy"
}

resource "aws_iam_role_policy_attachment" "shop_auth_role_amazons3readonlyaccess" {
  role       = aws_iam_role.shop_auth_role.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}

resource "aws_iam_role" "shop_staff_role" {
  name                 = "shop-staff-role"
  path                 = "/"
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Statement = [
      {
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          "ForAnyValue:StringLike" = {
            "cognito-identity.amazonaws.com:amr" = "authenticated"
          }
          StringEquals = {
            "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.shop_identity.id
          }
        }
        Effect = "Allow"
        Principal = {
          Federated = "cognito-identity.amazonaws.com"
        }
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_role_policy_attachment" "shop_staff_role_shop_staff_policy" {
  role       = aws_iam_role.shop_staff_role.name
  policy_arn = "arn:aws:iam::123456789012:policy/shop-staff-policy"
}

resource "aws_iam_role" "shop_unauth_role" {
  name                 = "shop-unauth-role"
  path                 = "/"
  description          = "Guest shop visitors"
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Statement = [
      {
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          "ForAnyValue:StringLike" = {
            "cognito-identity.amazonaws.com:amr" = "unauthenticated"
          }
          StringEquals = {
            "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.shop_identity.id
          }
        }
        Effect = "Allow"
        Principal = {
          Federated = "cognito-identity.amazonaws.com"
        }
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_role_policy" "shop_unauth_role_allow_s3_read" {
  name = "allow-s3-read"
  role = aws_iam_role.shop_unauth_role.id
  policy = jsonencode({
    Statement = [
      {
        Action   = ["s3:GetObject"]
        Effect   = "Allow"
        Resource = ["arn:aws:s3:::shop-assets/public/*"]
      },
    ]
    Version = "2012-10-17"
  })
}
