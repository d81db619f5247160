# Secrets cogref never reads: set them in a *.tfvars file kept out of version control.

variable "partner_portal_partneroidc_client_secret" {
  description = "client_secret of identity provider PartnerOIDC of user pool partner-portal (a secret cogref never reads)"
  type        = string
  sensitive   = true
}

variable "shop_customers_google_client_secret" {
  description = "client_secret of identity provider Google of user pool shop-customers (a secret cogref never reads)"
  type        = string
  sensitive   = true
}
