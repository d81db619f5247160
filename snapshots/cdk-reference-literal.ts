// Written by `cogref emit cdk --style reference` from the Cognito resources of 123456789012 in us-east-1.
// References only: synthesizing this creates, changes and deletes nothing.
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class ExistingAuth extends Construct {
  readonly identityPoolPartnerIdentity: identitypool.IIdentityPool;
  readonly identityPoolShopIdentity: identitypool.IIdentityPool;
  readonly roleFieldOpsSmsRole: iam.IRole;
  readonly rolePartnerAuthRole: iam.IRole;
  readonly roleShopAdminsRole: iam.IRole;
  readonly roleShopAuthRole: iam.IRole;
  readonly roleShopStaffRole: iam.IRole;
  readonly roleShopUnauthRole: iam.IRole;
  readonly userPoolClientFieldOpsFieldApp: cognito.IUserPoolClient;
  readonly userPoolClientFieldOpsFieldSync: cognito.IUserPoolClient;
  readonly userPoolClientPartnerPortalPartnerSync: cognito.IUserPoolClient;
  readonly userPoolClientPartnerPortalPartnerWeb: cognito.IUserPoolClient;
  readonly userPoolClientShopCustomersShopBackend: cognito.IUserPoolClient;
  readonly userPoolClientShopCustomersShopWeb: cognito.IUserPoolClient;
  readonly userPoolFieldOps: cognito.IUserPool;
  readonly userPoolPartnerPortal: cognito.IUserPool;
  readonly userPoolShopCustomers: cognito.IUserPool;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.identityPoolPartnerIdentity = identitypool.IdentityPool.fromIdentityPoolId(this, 'IdentityPoolPartnerIdentity', 'us-east-1:b1a8b71f-491b-40e9-9ca3-fbb3ff11c8ba');
    this.identityPoolShopIdentity = identitypool.IdentityPool.fromIdentityPoolId(this, 'IdentityPoolShopIdentity', 'us-east-1:54fd9ad3-9716-408e-b721-69bb80962718');
    this.roleFieldOpsSmsRole = iam.Role.fromRoleArn(this, 'RoleFieldOpsSmsRole', 'arn:aws:iam::123456789012:role/field-ops-sms-role', { mutable: false });
    this.rolePartnerAuthRole = iam.Role.fromRoleArn(this, 'RolePartnerAuthRole', 'arn:aws:iam::123456789012:role/partner/partner-auth-role', { mutable: false });
    this.roleShopAdminsRole = iam.Role.fromRoleArn(this, 'RoleShopAdminsRole', 'arn:aws:iam::123456789012:role/shop-admins-role', { mutable: false });
    this.roleShopAuthRole = iam.Role.fromRoleArn(this, 'RoleShopAuthRole', 'arn:aws:iam::123456789012:role/shop-auth-role', { mutable: false });
    this.roleShopStaffRole = iam.Role.fromRoleArn(this, 'RoleShopStaffRole', 'arn:aws:iam::123456789012:role/shop-staff-role', { mutable: false });
    this.roleShopUnauthRole = iam.Role.fromRoleArn(this, 'RoleShopUnauthRole', 'arn:aws:iam::123456789012:role/shop-unauth-role', { mutable: false });
    this.userPoolClientFieldOpsFieldApp = cognito.UserPoolClient.fromUserPoolClientId(this, 'UserPoolClientFieldOpsFieldApp', '2999394c54a7469b9cd66b09cf');
    this.userPoolClientFieldOpsFieldSync = cognito.UserPoolClient.fromUserPoolClientId(this, 'UserPoolClientFieldOpsFieldSync', '28e333b64e8a4c4bb72420411e');
    this.userPoolClientPartnerPortalPartnerSync = cognito.UserPoolClient.fromUserPoolClientId(this, 'UserPoolClientPartnerPortalPartnerSync', '28f4e3ceaded4a80bff9507dcd');
    this.userPoolClientPartnerPortalPartnerWeb = cognito.UserPoolClient.fromUserPoolClientId(this, 'UserPoolClientPartnerPortalPartnerWeb', '62fb26d7f4db4a07a506f67070');
    this.userPoolClientShopCustomersShopBackend = cognito.UserPoolClient.fromUserPoolClientId(this, 'UserPoolClientShopCustomersShopBackend', '570210496a394aa69abac50dca');
    this.userPoolClientShopCustomersShopWeb = cognito.UserPoolClient.fromUserPoolClientId(this, 'UserPoolClientShopCustomersShopWeb', 'ed7bf656218a45368c99a89444');
    this.userPoolFieldOps = cognito.UserPool.fromUserPoolId(this, 'UserPoolFieldOps', 'us-east-1_eedaa8024568442689e03e22d3f4a49b');
    this.userPoolPartnerPortal = cognito.UserPool.fromUserPoolId(this, 'UserPoolPartnerPortal', 'us-east-1_78f2ce6bd46b415daada79a34970ed9a');
    this.userPoolShopCustomers = cognito.UserPool.fromUserPoolId(this, 'UserPoolShopCustomers', 'us-east-1_7bf47042bd1541c8b764fbda3108d448');
  }
}
