"""Tests of scripts/deploy_template.py and scripts/emulator_stacks.py.

Owns: the deployer's template semantics offline (intrinsic functions, conditions, parameters in
both file forms, YAML short tags and 1.1 quirks, dependency order, cycles, generated names) and,
against one emulator started for the class, what it creates (the three aws:cloudformation tags,
schema names, role mappings) and the stacks it registers, read back through boto3's
CloudFormation client (DescribeStacks, GetTemplate, ListStackResources with pagination, nested
stacks).

    .venv/bin/python -m unittest discover -s scripts/tests
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import emulator_process  # noqa: E402  (scripts/tests/)
sys.path.insert(0, str(SCRIPTS))

import deploy_template as dt  # noqa: E402


def stack(template: dict, params: dict | None = None, name: str = "test") -> dt.Stack:
    template = {"Resources": {}, **template}
    return dt.Stack(template, name=name, region="eu-west-1", account="123456789012", params=params or {})


def yaml_template(text: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(textwrap.dedent(text))
    return dt.load_template(Path(f.name))


class Intrinsics(unittest.TestCase):
    def setUp(self) -> None:
        self.s = stack(
            {
                "Parameters": {"Env": {"Type": "String", "Default": "dev"}, "Ids": {"Type": "CommaDelimitedList", "Default": "a,b,c"}},
                "Mappings": {"M": {"dev": {"Size": "small"}}},
                "Conditions": {
                    "IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]},
                    "IsProd": {"Fn::Not": [{"Condition": "IsDev"}]},
                    "Both": {"Fn::And": [{"Condition": "IsDev"}, {"Fn::Or": [{"Condition": "IsProd"}, True]}]},
                },
            }
        )

    def r(self, value):
        return self.s.resolve(value)

    def test_pseudo_parameters(self) -> None:
        self.assertEqual(self.r({"Ref": "AWS::Region"}), "eu-west-1")
        self.assertEqual(self.r({"Ref": "AWS::AccountId"}), "123456789012")
        self.assertEqual(self.r({"Ref": "AWS::StackName"}), "test")
        self.assertTrue(self.r({"Ref": "AWS::StackId"}).startswith("arn:aws:cloudformation:eu-west-1:123456789012:stack/test/"))
        self.assertEqual(self.r({"Fn::Sub": "${AWS::Partition}.${AWS::URLSuffix}"}), "aws.amazonaws.com")
        self.assertEqual(self.r({"a": {"Ref": "AWS::NoValue"}, "b": 1}), {"b": 1})
        self.assertEqual(self.r([1, {"Ref": "AWS::NoValue"}, 2]), [1, 2])

    def test_sub_both_forms_and_escape(self) -> None:
        self.assertEqual(self.r({"Fn::Sub": "x-${Env}-${!Literal}"}), "x-dev-${Literal}")
        self.assertEqual(self.r({"Fn::Sub": ["${A}/${Env}", {"A": {"Fn::Join": ["", ["q", "r"]]}}]}), "qr/dev")

    def test_list_functions(self) -> None:
        self.assertEqual(self.r({"Fn::Join": ["-", {"Ref": "Ids"}]}), "a-b-c")
        self.assertEqual(self.r({"Fn::Select": [1, {"Ref": "Ids"}]}), "b")
        self.assertEqual(self.r({"Fn::Select": [0, {"Fn::Split": [".", "a.b"]}]}), "a")
        self.assertEqual(self.r({"Fn::GetAZs": ""}), ["eu-west-1a", "eu-west-1b", "eu-west-1c"])
        self.assertEqual(self.r({"Fn::Base64": "hi"}), "aGk=")
        self.assertEqual(self.r({"Fn::ImportValue": "Shared-Vpc"}), "simulated-import-Shared-Vpc")
        self.assertEqual(self.r({"Fn::Cidr": ["10.0.0.0/16", 2, 8]}), ["10.0.0.0/24", "10.0.1.0/24"])
        self.assertEqual(self.r({"Fn::FindInMap": ["M", {"Ref": "Env"}, "Size"]}), "small")

    def test_conditions(self) -> None:
        self.assertTrue(self.s.condition("IsDev"))
        self.assertFalse(self.s.condition("IsProd"))
        self.assertTrue(self.s.condition("Both"))
        self.assertEqual(self.r({"Fn::If": ["IsProd", "p", {"Ref": "AWS::NoValue"}]}), dt.REMOVE)
        self.assertEqual(self.r(["x", {"Fn::If": ["IsProd", "p", {"Ref": "AWS::NoValue"}]}]), ["x"])

    def test_missing_parameter_refused(self) -> None:
        with self.assertRaisesRegex(dt.DeployError, "parameter P: no value given and no Default"):
            stack({"Parameters": {"P": {"Type": "String"}}})
        self.assertEqual(stack({"Parameters": {"P": {"Type": "String"}}}, {"P": ""}).params["P"], "")

    def test_allowed_values_checked(self) -> None:
        with self.assertRaisesRegex(dt.DeployError, "not one of its AllowedValues"):
            stack({"Parameters": {"P": {"Type": "String", "AllowedValues": ["a"]}}}, {"P": "b"})


class Files(unittest.TestCase):
    def test_parameter_files_both_forms(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            cfn = Path(d, "cfn.json")
            cfn.write_text(json.dumps([{"ParameterKey": "A", "ParameterValue": "1"}, {"ParameterKey": "B", "ParameterValue": ""}]))
            amplify = Path(d, "parameters.json")
            amplify.write_text(json.dumps({"A": "x", "Empty": "", "List": ["a", "b"], "Flag": True}))
            self.assertEqual(dt.load_params_file(cfn), {"A": "1", "B": ""})
            self.assertEqual(dt.load_params_file(amplify), {"A": "x", "Empty": "", "List": "a,b", "Flag": "true"})

    def test_short_tags_and_yaml_11(self) -> None:
        t = yaml_template(
            """
            AWSTemplateFormatVersion: 2010-09-09
            Resources:
              R:
                Type: AWS::SNS::Topic
                Properties:
                  A: !GetAtt Pool.Arn
                  B: !Sub "${AWS::Region}"
                  C: !Ref X
                  D: !Join [",", [a, b]]
                  E: on
                  F: !If [Cond, !Ref "AWS::NoValue", no]
            """
        )
        self.assertEqual(t["AWSTemplateFormatVersion"], "2010-09-09")
        p = t["Resources"]["R"]["Properties"]
        self.assertEqual(p["A"], {"Fn::GetAtt": ["Pool", "Arn"]})
        self.assertEqual(p["B"], {"Fn::Sub": "${AWS::Region}"})
        self.assertEqual(p["C"], {"Ref": "X"})
        self.assertEqual(p["D"], {"Fn::Join": [",", ["a", "b"]]})
        self.assertIs(p["E"], True)
        self.assertEqual(p["F"], {"Fn::If": ["Cond", {"Ref": "AWS::NoValue"}, False]})

    def test_duplicate_key_refused_like_cloudformation(self) -> None:
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write("Resources:\n  P:\n    Type: AWS::SNS::Topic\n    Type: AWS::SQS::Queue\n")
        with self.assertRaisesRegex(dt.InputError, "duplicate key 'Type'"):
            dt.load_template(Path(f.name))

    def test_bad_template_is_input_error(self) -> None:
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write("a: [")
        with self.assertRaisesRegex(dt.InputError, "not a JSON or YAML template"):
            dt.load_template(Path(f.name))

    def test_wrap_merges_sections_and_refuses_a_name_declared_twice(self) -> None:
        fragment = {"Resources": {"Pool": {"Type": "AWS::Cognito::UserPool", "Condition": "isDev"}}}
        with tempfile.TemporaryDirectory() as d:
            wrap = Path(d, "wrap.json")
            wrap.write_text(json.dumps({
                "source": "where it comes from",
                "Parameters": {"Stage": {"Type": "String", "Default": "dev"}},
                "Conditions": {"isDev": {"Fn::Equals": [{"Ref": "Stage"}, "dev"]}},
                "Resources": {"Key": {"Type": "AWS::KMS::Key"}},
            }))
            merged = dt.wrap_fragment(fragment, wrap)
            self.assertEqual(sorted(merged), ["Conditions", "Parameters", "Resources"])  # `source` is not a section
            self.assertEqual(sorted(merged["Resources"]), ["Key", "Pool"])
            self.assertEqual(fragment["Resources"].keys(), {"Pool"})  # the fragment itself is untouched
            wrap.write_text(json.dumps({"Resources": {"Pool": {"Type": "AWS::SNS::Topic"}}}))
            with self.assertRaisesRegex(dt.InputError, "Resources.Pool is declared by the template too"):
                dt.wrap_fragment(fragment, wrap)
            wrap.write_text("[")
            with self.assertRaisesRegex(dt.InputError, "cannot read it as JSON"):
                dt.wrap_fragment(fragment, wrap)


class Order(unittest.TestCase):
    def test_dependency_order(self) -> None:
        s = stack(
            {
                "Resources": {
                    "C": {"Type": "AWS::SNS::Topic", "Properties": {"X": {"Fn::Sub": "${B.Arn}"}}},
                    "B": {"Type": "AWS::SNS::Topic", "DependsOn": "A"},
                    "A": {"Type": "AWS::SNS::Topic", "Properties": {"Y": {"Fn::GetAtt": ["D", "Arn"]}}},
                    "D": {"Type": "AWS::SNS::Topic"},
                }
            }
        )
        order = s.order()
        for before, after in (("D", "A"), ("A", "B"), ("B", "C")):
            self.assertLess(order.index(before), order.index(after))

    def test_documents_pass_through_coercion(self) -> None:
        # ManagedLoginBranding Settings is a free-form document: kept whole, never filtered
        # like a structure's members (which would drop every key).
        import boto3

        model = boto3.client("cognito-idp", region_name="us-east-1").meta.service_model
        shape = model.operation_model("CreateManagedLoginBranding").input_shape
        settings = {"categories": {"global": {"colorSchemeMode": "LIGHT"}}}
        dropped: list[str] = []
        out = dt.coerce({"UserPoolId": "p", "ClientId": "c", "Settings": settings}, shape, "X", dropped)
        self.assertEqual(out["Settings"], settings)
        self.assertEqual(dropped, [])

    def test_cycle_refused(self) -> None:
        s = stack({"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"X": {"Ref": "B"}}}, "B": {"Type": "AWS::SNS::Topic", "DependsOn": ["A"]}}})
        with self.assertRaisesRegex(dt.DeployError, r"circular dependency (A -> B -> A|B -> A -> B)"):
            s.order()

    def test_generated_names(self) -> None:
        name = dt.generated_name("my-stack", "MyRole", 64)
        self.assertRegex(name, r"^my-stack-MyRole-[A-Z0-9]{12}$")
        self.assertEqual(name, dt.generated_name("my-stack", "MyRole", 64))  # deterministic
        long = dt.generated_name("s" * 100, "L" * 100, 64)
        self.assertEqual(len(long), 64)
        self.assertTrue(long.startswith("s") and "-L" in long)


class AgainstEmulator(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.proc, cls.url = emulator_process.start()
        import boto3

        session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
        cls.cfn = session.client("cloudformation", endpoint_url=cls.url)
        cls.idp = session.client("cognito-idp", endpoint_url=cls.url)
        cls.identity = session.client("cognito-identity", endpoint_url=cls.url)
        cls.tmp = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.proc.terminate()
        cls.proc.wait(timeout=10)
        cls.tmp.cleanup()

    def deploy(self, name: str, template: dict | str, *extra: str, files: dict | None = None) -> tuple[list, dict]:
        d = Path(self.tmp.name, name)
        d.mkdir()
        path = d / ("template.yaml" if isinstance(template, str) else "template.json")
        path.write_text(textwrap.dedent(template) if isinstance(template, str) else json.dumps(template))
        for fname, body in (files or {}).items():
            (d / fname).write_text(json.dumps(body))
        imp, summ = d / "import.json", d / "summary.json"
        code = dt.main([str(path), "--endpoint", self.url, "--stack-name", name, "--import-out", str(imp), "--summary-out", str(summ), *extra])
        self.assertEqual(code, 0)
        return json.loads(imp.read_text()), json.loads(summ.read_text())

    def test_user_pool_tags_schema_and_registration(self) -> None:
        imports, summary = self.deploy(
            "pools",
            """
            Parameters:
              Stage: {Type: String}
            Resources:
              Pool:
                Type: AWS::Cognito::UserPool
                Properties:
                  UserPoolTags: {team: !Ref Stage}
                  Schema:
                    - {Name: tenant, AttributeDataType: String, Mutable: 'true'}
                    - {Name: "custom:plan", AttributeDataType: String}
              Client:
                Type: AWS::Cognito::UserPoolClient
                Properties: {UserPoolId: !Ref Pool, RefreshTokenValidity: "30"}
              Fn:
                Type: AWS::Lambda::Function
                Properties: {Role: !GetAtt Pool.Arn}
            Outputs:
              PoolId: {Value: !Ref Pool}
              FnArn: {Value: !GetAtt Fn.Arn}
            """,
            "--param",
            "Stage=prod",
        )
        pool_id = summary["outputs"]["PoolId"]
        self.assertEqual(imports[0], {"ResourceType": "AWS::Cognito::UserPool", "LogicalResourceId": "Pool", "ResourceIdentifier": {"UserPoolId": pool_id}})
        self.assertEqual([i["LogicalResourceId"] for i in imports], ["Pool", "Client"])
        self.assertEqual(summary["simulated"][0]["LogicalResourceId"], "Fn")
        self.assertRegex(summary["outputs"]["FnArn"], r"^arn:aws:lambda:us-east-1:123456789012:function:pools-Fn-[A-Z0-9]{12}$")
        pool = self.idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        self.assertRegex(pool["Name"], r"^pools-Pool-[A-Z0-9]{12}$")
        stack_id = summary["stack_id"]
        self.assertEqual(
            pool["UserPoolTags"],
            {"team": "prod", "aws:cloudformation:stack-name": "pools", "aws:cloudformation:stack-id": stack_id, "aws:cloudformation:logical-id": "Pool"},
        )
        names = {a["Name"] for a in pool["SchemaAttributes"]}
        self.assertTrue({"custom:tenant", "custom:plan"} <= names, names)
        client_id = imports[1]["ResourceIdentifier"]["ClientId"]
        client = self.idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]
        self.assertEqual(client["RefreshTokenValidity"], 30)

        described = self.cfn.describe_stacks(StackName="pools")["Stacks"]
        self.assertEqual(len(described), 1)
        self.assertEqual(described[0]["StackId"], stack_id)
        self.assertEqual(described[0]["StackStatus"], "CREATE_COMPLETE")
        self.assertEqual(described[0]["Parameters"], [{"ParameterKey": "Stage", "ParameterValue": "prod"}])
        self.assertIn({"OutputKey": "PoolId", "OutputValue": pool_id}, described[0]["Outputs"])
        by_id = self.cfn.describe_stacks(StackName=stack_id)["Stacks"][0]
        self.assertEqual(by_id["StackName"], "pools")
        for stage in ("Original", "Processed"):
            body = self.cfn.get_template(StackName="pools", TemplateStage=stage)["TemplateBody"]
            self.assertIn("UserPoolTags: {team: !Ref Stage}", body)
        rows = self.cfn.list_stack_resources(StackName="pools")["StackResourceSummaries"]
        self.assertEqual(
            {(r["LogicalResourceId"], r["ResourceType"], r["PhysicalResourceId"], r["ResourceStatus"]) for r in rows},
            {
                ("Pool", "AWS::Cognito::UserPool", pool_id, "CREATE_COMPLETE"),
                ("Client", "AWS::Cognito::UserPoolClient", client_id, "CREATE_COMPLETE"),
                ("Fn", "AWS::Lambda::Function", summary["simulated"][0]["PhysicalResourceId"], "CREATE_COMPLETE"),
            },
        )
        resources = self.cfn.describe_stack_resources(StackName="pools")["StackResources"]
        self.assertEqual(sorted(r["LogicalResourceId"] for r in resources), ["Client", "Fn", "Pool"])
        listed = [s["StackName"] for s in self.cfn.list_stacks()["StackSummaries"]]
        self.assertIn("pools", listed)
        summary_call = self.cfn.get_template_summary(StackName="pools")
        self.assertEqual(summary_call["Parameters"][0]["ParameterKey"], "Stage")

    def test_unknown_stack_still_an_error(self) -> None:
        from botocore.exceptions import ClientError

        with self.assertRaises(ClientError):
            self.cfn.describe_stacks(StackName="never-deployed")

    def test_cloud_control_reads_simulated_resources_with_aws_shapes(self) -> None:
        import re

        from botocore.exceptions import ClientError

        _, summary = self.deploy(
            "webapp-cc",
            """
            Resources:
              Site:
                Type: AWS::CloudFront::Distribution
                Properties: {DistributionConfig: {Enabled: true}}
              Repo:
                Type: AWS::CodeCommit::Repository
                Properties: {RepositoryName: cc-source}
              Books:
                Type: AWS::DynamoDB::Table
                Properties: {TableName: cc-books}
              Build:
                Type: AWS::CodeBuild::Project
                Properties: {Name: cc-build}
              Mapping:
                Type: Custom::Mapping
                Properties: {ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:x}
            Outputs:
              Domain: {Value: !GetAtt Site.DomainName}
              RepoArn: {Value: !GetAtt Repo.Arn}
              BooksArn: {Value: !GetAtt Books.Arn}
              BuildArn: {Value: !GetAtt Build.Arn}
            """,
        )
        ids = {e["LogicalResourceId"]: e["PhysicalResourceId"] for e in summary["simulated"]}
        outputs = summary["outputs"]
        # The shapes of the CloudFormation resource reference's return values.
        self.assertRegex(ids["Site"], r"^E[A-Z0-9]{13}$")
        self.assertRegex(outputs["Domain"], r"^d[a-z0-9]{13}\.cloudfront\.net$")
        self.assertNotEqual(outputs["Domain"][1:14], ids["Site"][1:].lower(), "the domain does not follow from the id")
        self.assertRegex(ids["Repo"], r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        self.assertEqual(outputs["RepoArn"], "arn:aws:codecommit:us-east-1:123456789012:cc-source")
        self.assertEqual((ids["Books"], outputs["BooksArn"]), ("cc-books", "arn:aws:dynamodb:us-east-1:123456789012:table/cc-books"))
        self.assertEqual((ids["Build"], outputs["BuildArn"]), ("cc-build", "arn:aws:codebuild:us-east-1:123456789012:project/cc-build"))

        import boto3

        cc = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1").client("cloudcontrol", endpoint_url=self.url)
        got = cc.get_resource(TypeName="AWS::CloudFront::Distribution", Identifier=ids["Site"])
        self.assertEqual(got["TypeName"], "AWS::CloudFront::Distribution")
        self.assertEqual(got["ResourceDescription"]["Identifier"], ids["Site"])
        model = json.loads(got["ResourceDescription"]["Properties"])
        self.assertEqual((model["Id"], model["DomainName"]), (ids["Site"], outputs["Domain"]))
        self.assertEqual(model["DistributionConfig"], {"Enabled": True})
        self.assertNotIn("Arn", model, "no invented attribute")
        repo = json.loads(cc.get_resource(TypeName="AWS::CodeCommit::Repository", Identifier=ids["Repo"])["ResourceDescription"]["Properties"])
        self.assertEqual((repo["Arn"], repo["Name"]), (outputs["RepoArn"], "cc-source"))
        for type_name, identifier, code in (
            ("AWS::CloudFront::Distribution", "E000000000000X", "ResourceNotFoundException"),
            ("AWS::CodeCommit::Repository", "cc-source", "ResourceNotFoundException"),  # the id, not the name
            ("AWS::CodeBuild::Project", "cc-build", "UnsupportedActionException"),  # no read handler
            ("Custom::MappingXY", ids["Mapping"], "UnsupportedActionException"),
        ):
            with self.assertRaises(ClientError) as err:
                cc.get_resource(TypeName=type_name, Identifier=identifier)
            self.assertEqual(err.exception.response["Error"]["Code"], code, type_name)
        self.assertTrue(re.fullmatch(r"E[A-Z0-9]{13}", ids["Site"]))

    def test_list_stack_resources_paginates(self) -> None:
        resources = {f"Topic{i:03d}": {"Type": "AWS::SNS::Topic"} for i in range(130)}
        self.deploy("many", {"Resources": resources})
        first = self.cfn.list_stack_resources(StackName="many")
        self.assertEqual(len(first["StackResourceSummaries"]), 100)
        self.assertIn("NextToken", first)
        second = self.cfn.list_stack_resources(StackName="many", NextToken=first["NextToken"])
        self.assertEqual(len(second["StackResourceSummaries"]), 30)
        self.assertNotIn("NextToken", second)
        pages = self.cfn.get_paginator("list_stack_resources").paginate(StackName="many")
        self.assertEqual(len([r for p in pages for r in p["StackResourceSummaries"]]), 130)

    def test_identity_pool_tags_and_role_mappings(self) -> None:
        imports, summary = self.deploy(
            "ids",
            {
                "Resources": {
                    "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": []}}},
                    "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": "p"}},
                    "Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Ref": "Pool"}}},
                    "Ids": {
                        "Type": "AWS::Cognito::IdentityPool",
                        "Properties": {
                            "AllowUnauthenticatedIdentities": "false",
                            "CognitoIdentityProviders": [{"ClientId": {"Ref": "Client"}, "ProviderName": {"Fn::GetAtt": ["Pool", "ProviderName"]}}],
                        },
                    },
                    "Attach": {
                        "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                        "Properties": {
                            "IdentityPoolId": {"Ref": "Ids"},
                            "Roles": {"authenticated": {"Fn::GetAtt": ["Role", "Arn"]}},
                            "RoleMappings": {
                                "anyName": {
                                    "IdentityProvider": {"Fn::Sub": "${Pool.ProviderName}:${Client}"},
                                    "Type": "Token",
                                    "AmbiguousRoleResolution": "Deny",
                                }
                            },
                        },
                    },
                }
            },
        )
        ids = {i["LogicalResourceId"]: i["ResourceIdentifier"] for i in imports}
        pool_id, client_id, identity_id = ids["Pool"]["UserPoolId"], ids["Client"]["ClientId"], ids["Ids"]["Id"]
        self.assertEqual(ids["Attach"], {"Id": identity_id})
        self.assertRegex(ids["Role"]["RoleName"], r"^ids-Role-[A-Z0-9]{12}$")
        described = self.identity.describe_identity_pool(IdentityPoolId=identity_id)
        self.assertEqual(described["IdentityPoolTags"]["aws:cloudformation:logical-id"], "Ids")
        self.assertEqual(described["IdentityPoolTags"]["aws:cloudformation:stack-name"], "ids")
        roles = self.identity.get_identity_pool_roles(IdentityPoolId=identity_id)
        key = f"cognito-idp.us-east-1.amazonaws.com/{pool_id}:{client_id}"
        self.assertEqual(roles["RoleMappings"], {key: {"Type": "Token", "AmbiguousRoleResolution": "Deny"}})
        self.assertTrue(any(d["what"] == "PolicyDocument.Version" for d in summary["dropped"]))

    def test_nested_stack_parameters_down_outputs_up(self) -> None:
        child = {
            "Parameters": {"PoolName": {"Type": "String"}},
            "Resources": {"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": {"Ref": "PoolName"}}}},
            "Outputs": {"PoolId": {"Value": {"Ref": "Pool"}}},
        }
        root = {
            "Resources": {
                "Auth": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "https://bucket.s3.amazonaws.com/assets/auth.nested.json", "Parameters": {"PoolName": "nested-pool"}}},
                "Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Fn::GetAtt": ["Auth", "Outputs.PoolId"]}, "ClientName": "web"}},
            }
        }
        imports, summary = self.deploy("root", root, files={"auth.nested.json": child})
        nested = summary["nested_stacks"]
        self.assertEqual(len(nested), 1)
        self.assertEqual(nested[0]["ParentId"], summary["stack_id"])
        pool_id = [i for i in imports if i["LogicalResourceId"] == "Pool"][0]["ResourceIdentifier"]["UserPoolId"]
        self.assertEqual(self.idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Name"], "nested-pool")
        rows = {r["LogicalResourceId"]: r for r in self.cfn.list_stack_resources(StackName="root")["StackResourceSummaries"]}
        self.assertEqual(rows["Auth"]["ResourceType"], "AWS::CloudFormation::Stack")
        self.assertEqual(rows["Auth"]["PhysicalResourceId"], nested[0]["StackId"])
        inner = self.cfn.describe_stacks(StackName=nested[0]["StackId"])["Stacks"][0]
        self.assertEqual(inner["ParentId"], summary["stack_id"])
        self.assertEqual(inner["Parameters"], [{"ParameterKey": "PoolName", "ParameterValue": "nested-pool"}])
        self.assertEqual(inner["Outputs"], [{"OutputKey": "PoolId", "OutputValue": pool_id}])
        inner_rows = self.cfn.list_stack_resources(StackName=nested[0]["StackId"])["StackResourceSummaries"]
        self.assertEqual([(r["LogicalResourceId"], r["PhysicalResourceId"]) for r in inner_rows], [("Pool", pool_id)])

    def test_mfa_through_set_user_pool_mfa_config(self) -> None:
        imports, _ = self.deploy(
            "mfa",
            {"Resources": {"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"MfaConfiguration": "OPTIONAL", "EnabledMfas": ["SOFTWARE_TOKEN_MFA"]}}}},
        )
        pool_id = imports[0]["ResourceIdentifier"]["UserPoolId"]
        mfa = self.idp.get_user_pool_mfa_config(UserPoolId=pool_id)
        self.assertEqual(mfa["MfaConfiguration"], "OPTIONAL")
        self.assertEqual(mfa["SoftwareTokenMfaConfiguration"], {"Enabled": True})

    def test_members_newer_than_boto3_are_forwarded_not_dropped(self) -> None:
        import urllib.request

        imports, summary = self.deploy(
            "newer",
            {
                "Resources": {
                    "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {}},
                    "Client": {
                        "Type": "AWS::Cognito::UserPoolClient",
                        "Properties": {
                            "UserPoolId": {"Ref": "Pool"},
                            "RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": "10"},
                        },
                    },
                }
            },
        )
        ids = {i["LogicalResourceId"]: i["ResourceIdentifier"] for i in imports}
        # The pinned boto3 parses the answer with its model too: read the wire.
        request = urllib.request.Request(
            self.url,
            data=json.dumps(ids["Client"]).encode(),
            headers={
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": "AWSCognitoIdentityProviderService.DescribeUserPoolClient",
                "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/cognito-idp/aws4_request",
            },
        )
        with urllib.request.urlopen(request) as response:
            client = json.loads(response.read())["UserPoolClient"]
        self.assertEqual(client["RefreshTokenRotation"], {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10})
        self.assertFalse(any("RefreshTokenRotation" in d["what"] for d in summary["dropped"]), summary["dropped"])

    def test_amplify_parent_values_and_sam_implicit_resources(self) -> None:
        params = Path(self.tmp.name, "amplify-parameters.json")
        params.write_text(json.dumps({"authRoleArn": {"Fn::GetAtt": ["AuthRole", "Arn"]}, "env": "", "names": ["a", "b"]}))
        imports, summary = self.deploy(
            "amp",
            {
                "Transform": "AWS::Serverless-2016-10-31",
                "Parameters": {"authRoleArn": {"Type": "String"}, "env": {"Type": "String"}, "names": {"Type": "CommaDelimitedList"}},
                "Resources": {
                    "Ids": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": False}},
                    "Map": {"Type": "AWS::Cognito::IdentityPoolRoleAttachment", "Properties": {"IdentityPoolId": {"Ref": "Ids"}, "Roles": {"authenticated": {"Ref": "authRoleArn"}}}},
                    "Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Role": {"Fn::GetAtt": ["FnRole", "Arn"]}}},
                },
                "Outputs": {"Names": {"Value": {"Fn::Join": ["+", {"Ref": "names"}]}}, "Env": {"Value": {"Fn::Sub": "[${env}]"}}},
            },
            "--params",
            str(params),
        )
        self.assertEqual(summary["outputs"], {"Names": "a+b", "Env": "[]"})
        self.assertEqual(summary["given_parameters"], ["authRoleArn", "env", "names"])
        role_arn = summary["parameters"]["authRoleArn"]
        self.assertRegex(role_arn, r"^arn:aws:iam::123456789012:role/amp-root-AuthRole-[A-Z0-9]{12}$")
        self.assertEqual(summary["from_parent_stack"][0]["value"], role_arn)
        identity_id = imports[0]["ResourceIdentifier"]["Id"]
        self.assertEqual(self.identity.get_identity_pool_roles(IdentityPoolId=identity_id)["Roles"], {"authenticated": role_arn})
        self.assertIn("FnRole", [r["LogicalResourceId"] for r in summary["simulated"]])

    def test_sms_role_in_an_impossible_account_is_refused_like_cognito(self) -> None:
        # stelligent/cfn_nag's fixtures: 12345678910 has 11 digits, so the role cannot exist.
        template = {"Resources": {"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {
            "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::12345678910:role/service-role/sms", "ExternalId": "x"}}}}}
        d = Path(self.tmp.name, "sms-bad")
        d.mkdir()
        path = d / "t.json"
        path.write_text(json.dumps(template))
        with self.assertRaisesRegex(dt.DeployError, "'12345678910' is not an AWS account id"):
            dt.check_sms_role(template["Resources"]["Pool"]["Properties"])
        self.assertEqual(dt.main([str(path), "--endpoint", self.url, "--import-out", str(d / "i.json")]), 1)
        self.assertFalse((d / "i.json").exists())
        # A role in another (possible) account is deployed: Cognito may assume it.
        template["Resources"]["Pool"]["Properties"]["SmsConfiguration"]["SnsCallerArn"] = "arn:aws:iam::111122223333:role/sms"
        imports, _ = self.deploy("sms-other", template)
        self.assertEqual([i["LogicalResourceId"] for i in imports], ["Pool"])

    def test_unavailable_nested_stack_is_registered_empty_and_simulated(self) -> None:
        root = {
            "Resources": {
                "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {}},
                "Users": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "https://s3.amazonaws.com/elsewhere/users.yaml", "Parameters": {"P": {"Ref": "Pool"}}}},
            }
        }
        imports, summary = self.deploy("unavail", root, "--nested-unavailable", "Users")
        self.assertEqual([i["LogicalResourceId"] for i in imports], ["Pool"])
        [sim] = summary["simulated"]
        self.assertEqual((sim["LogicalResourceId"], sim["ResourceType"]), ("Users", "AWS::CloudFormation::Stack"))
        self.assertIn("unavailable", sim["reason"])
        [child] = summary["nested_stacks"]
        self.assertEqual(sim["PhysicalResourceId"], child["StackId"])
        self.assertEqual(self.cfn.list_stack_resources(StackName=child["StackId"])["StackResourceSummaries"], [])
        body = self.cfn.get_template(StackName=child["StackId"])["TemplateBody"]
        self.assertIn("users.yaml", json.dumps(body))
        # Its outputs are unknown: a reference to one fails the deploy, naming it.
        root["Resources"]["Client"] = {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Fn::GetAtt": ["Users", "Outputs.PoolId"]}}}
        with self.assertRaisesRegex(dt.DeployError, "nested stack Users is unavailable, so its outputs are unknown"):
            dt.deploy_stack(dt.Deployer(self.url, "us-east-1"), dt.Stack(root, name="unavailout", region="us-east-1", account="123456789012", params={}, unavailable_nested={"Users"}))

    def test_a_property_from_a_custom_resource_is_left_out_and_said(self) -> None:
        # content-localization-on-aws: RoleMappings is what a Lambda-backed custom resource returns.
        template = {"Resources": {
            "Ids": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": False}},
            "Mapping": {"Type": "Custom::TransformedRoleMapping", "Properties": {"ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:f"}},
            "Attach": {"Type": "AWS::Cognito::IdentityPoolRoleAttachment", "Properties": {
                "IdentityPoolId": {"Ref": "Ids"}, "RoleMappings": {"Fn::GetAtt": ["Mapping", "RoleMapping"]},
                "Roles": {"authenticated": "arn:aws:iam::123456789012:role/a"}}},
        }}
        imports, summary = self.deploy("custom-rm", template)
        self.assertIn("Attach", [i["LogicalResourceId"] for i in imports])
        [dropped] = summary["dropped"]
        self.assertEqual((dropped["LogicalResourceId"], dropped["what"]), ("Attach", "RoleMappings"))
        self.assertIn("custom resource Mapping", dropped["reason"])
        ip = [i for i in imports if i["LogicalResourceId"] == "Ids"][0]["ResourceIdentifier"]["Id"]
        roles = self.identity.get_identity_pool_roles(IdentityPoolId=ip)
        self.assertEqual(roles["Roles"], {"authenticated": "arn:aws:iam::123456789012:role/a"})
        self.assertFalse(roles.get("RoleMappings"))

    def test_wrapped_fragment_is_deployed_and_registered_as_merged(self) -> None:
        d = Path(self.tmp.name, "wrapdir")
        d.mkdir()
        (d / "wrap.json").write_text(json.dumps({"Parameters": {"Redirect": {"Type": "String", "Default": "http://localhost"}}}))
        fragment = {"Resources": {
            "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": {"Ref": "AWS::StackName"}}},
            "Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Ref": "Pool"}, "CallbackURLs": [{"Ref": "Redirect"}]}},
        }}
        wrapped = d / "wrapped.json"
        imports, summary = self.deploy("wrapped", fragment, "--wrap", str(d / "wrap.json"), "--wrapped-out", str(wrapped))
        self.assertEqual(summary["parameters"], {"Redirect": "http://localhost"})
        client = [i for i in imports if i["LogicalResourceId"] == "Client"][0]["ResourceIdentifier"]
        got = self.idp.describe_user_pool_client(UserPoolId=client["UserPoolId"], ClientId=client["ClientId"])["UserPoolClient"]
        self.assertEqual(got["CallbackURLs"], ["http://localhost"])
        merged = json.loads(wrapped.read_text())
        self.assertEqual(sorted(merged), ["Parameters", "Resources"])
        self.assertEqual(self.cfn.get_template(StackName="wrapped")["TemplateBody"], merged)
        # Without the wrap the fragment does not deploy; with a wrap, --wrapped-out is required.
        path = d / "fragment.json"
        path.write_text(json.dumps(fragment))
        self.assertEqual(dt.main([str(path), "--endpoint", self.url, "--stack-name", "bare", "--import-out", str(d / "i.json")]), 1)
        self.assertEqual(dt.main([str(path), "--endpoint", self.url, "--import-out", str(d / "i.json"), "--wrap", str(d / "wrap.json")]), 2)
        self.assertFalse((d / "i.json").exists())

    def test_failure_names_the_resource_and_writes_nothing(self) -> None:
        d = Path(self.tmp.name, "bad")
        d.mkdir()
        path = d / "t.json"
        path.write_text(json.dumps({"Resources": {"Dom": {"Type": "AWS::Cognito::UserPoolDomain", "Properties": {"UserPoolId": "us-east-1_nope", "Domain": "x"}}}}))
        out = subprocess.run(
            [sys.executable, str(SCRIPTS / "deploy_template.py"), str(path), "--endpoint", self.url, "--import-out", str(d / "i.json")],
            capture_output=True,
            text=True,
        )
        self.assertEqual(out.returncode, 1)
        self.assertIn("resource Dom: CreateUserPoolDomain failed", out.stderr)
        self.assertEqual(len(out.stderr.strip().splitlines()), 1)
        self.assertFalse((d / "i.json").exists())


if __name__ == "__main__":
    unittest.main()
