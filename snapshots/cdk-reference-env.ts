// Written by `cogref emit cdk --style reference --env SHOP_AUTH`.
// References only: synthesizing this creates, changes and deletes nothing.
// Every id and ARN comes per branch from CDK context (`cdk deploy -c NAME=VALUE`) or,
// failing that, the environment variable of the same name; `cogref emit env --prefix SHOP_AUTH`
// writes them.
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** A setting from CDK context, else the environment; a missing one stops the synth. */
function setting(scope: Construct, name: string): string {
  const value: unknown = scope.node.tryGetContext(name) ?? process.env[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`${name} is not set: pass -c ${name}=VALUE to cdk or set the environment variable (cogref emit env --prefix SHOP_AUTH writes it)`);
  }
  return value;
}

export class ExistingAuth extends Construct {
  readonly identityPoolShopIdentity: identitypool.IIdentityPool;
  readonly roleShopAdminsRole: iam.IRole;
  readonly roleShopAuthRole: iam.IRole;
  readonly roleShopStaffRole: iam.IRole;
  readonly roleShopUnauthRole: iam.IRole;
  readonly userPoolClientShopCustomersShopWeb: cognito.IUserPoolClient;
  readonly userPoolShopCustomers: cognito.IUserPool;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.identityPoolShopIdentity = identitypool.IdentityPool.fromIdentityPoolId(this, 'IdentityPoolShopIdentity', setting(this, 'SHOP_AUTH_IDENTITY_POOL_ID'));
    this.roleShopAdminsRole = iam.Role.fromRoleArn(this, 'RoleShopAdminsRole', setting(this, 'SHOP_AUTH_GROUP_ADMINS_ROLE_ARN'), { mutable: false });
    this.roleShopAuthRole = iam.Role.fromRoleArn(this, 'RoleShopAuthRole', setting(this, 'SHOP_AUTH_AUTH_ROLE_ARN'), { mutable: false });
    this.roleShopStaffRole = iam.Role.fromRoleArn(this, 'RoleShopStaffRole', setting(this, 'SHOP_AUTH_GROUP_STAFF_ROLE_ARN'), { mutable: false });
    this.roleShopUnauthRole = iam.Role.fromRoleArn(this, 'RoleShopUnauthRole', setting(this, 'SHOP_AUTH_UNAUTH_ROLE_ARN'), { mutable: false });
    this.userPoolClientShopCustomersShopWeb = cognito.UserPoolClient.fromUserPoolClientId(this, 'UserPoolClientShopCustomersShopWeb', setting(this, 'SHOP_AUTH_USER_POOL_CLIENT_ID'));
    this.userPoolShopCustomers = cognito.UserPool.fromUserPoolId(this, 'UserPoolShopCustomers', setting(this, 'SHOP_AUTH_USER_POOL_ID'));
  }
}
