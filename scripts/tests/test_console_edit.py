"""Tests of scripts/console_edit.py.

Owns: the generic choice of an edit from the mutability table (offline), and, against one
emulator, that each kind of edit changes exactly the setting it names on a deployed stack.

    .venv/bin/python -m unittest discover -s scripts/tests
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import emulator_process  # noqa: E402  (scripts/tests/)
sys.path.insert(0, str(SCRIPTS))

import console_edit as ce  # noqa: E402
import deploy_template as dt  # noqa: E402


class Choice(unittest.TestCase):
    def test_candidates_are_in_place_booleans_of_the_live_resource(self) -> None:
        table = ce.load_table()
        live = {"Policies": {"PasswordPolicy": {"RequireSymbols": True, "MinimumLength": 8}}, "UsernameConfiguration": {"CaseSensitive": False}}
        # MinimumLength is no boolean; UsernameConfiguration is create-only.
        self.assertEqual(ce.bool_candidates(table, "AWS::Cognito::UserPool", live), ["Policies.PasswordPolicy.RequireSymbols"])

    def test_pick_is_deterministic_and_spreads(self) -> None:
        options = ["a", "b", "c", "d"]
        self.assertEqual(ce.pick(options, "t1"), ce.pick(options, "t1"))
        self.assertGreater(len({ce.pick(options, f"template-{i}") for i in range(20)}), 1)

    def test_declared_candidates_are_literal_in_place_settings_with_a_valid_new_value(self) -> None:
        table = ce.load_table()
        props = {
            "Policies": {"PasswordPolicy": {"MinimumLength": "99", "RequireSymbols": "true", "TemporaryPasswordValidityDays": {"Ref": "Days"}}},
            # UnusedAccountValidityDays and TemporaryPasswordValidityDays mirror each other: left alone.
            "AdminCreateUserConfig": {"UnusedAccountValidityDays": 7, "InviteMessageTemplate": {"EmailSubject": "Welcome", "EmailMessage": "Code {####}"}},
            "EmailVerificationSubject": "Verify",  # mirrored into VerificationMessageTemplate: left alone
            "EmailConfiguration": {"From": "a@example.com"},  # no whitespace in its schema: not text
            "UsernameAttributes": ["email"],  # create-only
            "UserPoolName": "pool",  # not an UpdateUserPool member
        }
        live = {
            "Policies": {"PasswordPolicy": {"MinimumLength": 99, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7}},
            "AdminCreateUserConfig": {"UnusedAccountValidityDays": 7, "InviteMessageTemplate": {"EmailSubject": "Welcome", "EmailMessage": "Code {####} changed"}},
            "EmailVerificationSubject": "Verify",
            "EmailConfiguration": {"From": "a@example.com"},
        }
        members = {"Policies", "AdminCreateUserConfig", "EmailVerificationSubject", "EmailConfiguration"}
        got = ce.declared_candidates(table, "AWS::Cognito::UserPool", props, live, members)
        # MinimumLength 99 is the schema's maximum: one down. EmailMessage no longer holds what
        # is declared, so it is not aimed at.
        self.assertEqual(got, [
            ("AdminCreateUserConfig.InviteMessageTemplate.EmailSubject", "Welcome" + ce.SUFFIX),
            ("Policies.PasswordPolicy.MinimumLength", 98),
            ("Policies.PasswordPolicy.RequireSymbols", False),
        ])
        self.assertEqual(ce.declared_candidates(table, "AWS::Cognito::UserPool", None, live, members), [])

    def test_a_text_value_the_schema_pattern_refuses_is_no_candidate(self) -> None:
        spec = {"type": "string", "maxLength": 30, "pattern": "^[\\p{L}\\p{P}\\s]+$"}
        self.assertEqual(ce.changed_value("Hello", spec), "Hello" + ce.SUFFIX)
        self.assertIsNone(ce.changed_value("Hello", {**spec, "maxLength": 10}))
        self.assertIsNone(ce.changed_value("Hello", {**spec, "pattern": "^[\\p{L}\\p{P}\\s]+[0-9]$"}))
        self.assertIsNone(ce.changed_value("ON", {"type": "string", "enum": ["ON", "OFF"], "pattern": "\\s*"}))


class AgainstEmulator(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.proc, cls.url = emulator_process.start()
        import boto3

        cls.session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
        cls.tmp = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.proc.terminate()
        cls.proc.wait(timeout=10)
        cls.tmp.cleanup()

    def deploy(self, name: str, template: dict) -> Path:
        d = Path(self.tmp.name, name)
        d.mkdir()
        (d / "t.json").write_text(json.dumps(template))
        self.assertEqual(dt.main([str(d / "t.json"), "--endpoint", self.url, "--stack-name", name, "--import-out", str(d / "i.json")]), 0)
        return d / "i.json"

    def edit(self, imports: Path, kind: str, seed: str = "s") -> dict:
        out = imports.with_name(f"{kind}.json")
        self.assertEqual(ce.main(["--endpoint", self.url, "--import-file", str(imports), "--kind", kind, "--seed", seed, "--out", str(out)]), 0)
        return json.loads(out.read_text())

    def test_user_pool_flip_then_custom_attribute(self) -> None:
        imports = self.deploy("edit-pool", {"Resources": {"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": "p"}}}})
        pool_id = json.loads(imports.read_text())[0]["ResourceIdentifier"]["UserPoolId"]
        idp = self.session.client("cognito-idp", endpoint_url=self.url)
        before = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        done = self.edit(imports, "mutable")
        self.assertEqual((done["logical_id"], done["code"], done["rule"]), ("Pool", "drift-in-place", "in_place"))
        after = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        self.assertEqual(ce.at_path(after, done["path"]), not ce.at_path(before, done["path"]))
        self.assertEqual(after["Name"], "p")  # the rest sent back as read
        done = self.edit(imports, "fixed")
        self.assertEqual((done["path"], done["code"], done["rule"]), ("Schema[custom:console_added]", "drift-impossible", "append_only"))
        names = [a["Name"] for a in idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["SchemaAttributes"]]
        self.assertIn("custom:console_added", names)

    def test_declared_setting_aimed_at_and_serve_mode(self) -> None:
        template = {"Resources": {"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {
            "UserPoolName": "declared", "Policies": {"PasswordPolicy": {"MinimumLength": 12}}}}}}
        imports = self.deploy("edit-declared", template)
        path = imports.with_name("t.json")
        pool_id = json.loads(imports.read_text())[0]["ResourceIdentifier"]["UserPoolId"]
        idp = self.session.client("cognito-idp", endpoint_url=self.url)
        requests = [
            {"endpoint": self.url, "import_file": str(imports), "template": str(path), "kind": "mutable", "seed": "s"},
            {"endpoint": self.url, "import_file": str(imports), "kind": "sideways"},
            {"endpoint": self.url, "import_file": str(imports), "kind": "fixed"},
        ]
        out = subprocess.run(
            [sys.executable, str(SCRIPTS / "console_edit.py"), "--serve"],
            input="".join(json.dumps(r) + "\n" for r in requests), capture_output=True, text=True, timeout=120,
        )
        self.assertEqual(out.returncode, 0, out.stderr)
        mutable, bad, fixed = [json.loads(line) for line in out.stdout.splitlines()]
        # The only in-place literal the template declares is MinimumLength: aimed at, one up.
        self.assertEqual((mutable["ok"]["path"], mutable["ok"]["code"]), ("Policies.PasswordPolicy.MinimumLength", "drift-in-place"))
        self.assertIn("declared in the template", mutable["ok"]["what"])
        live = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        self.assertEqual(live["Policies"]["PasswordPolicy"]["MinimumLength"], 13)
        self.assertEqual(live["Name"], "declared")
        self.assertIn("sideways", bad["error"])  # answered, and the server went on
        self.assertEqual(fixed["ok"]["code"], "drift-impossible")

    def test_identity_pool_only(self) -> None:
        imports = self.deploy("edit-ip", {"Resources": {"Ids": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": True}}}})
        ip_id = json.loads(imports.read_text())[0]["ResourceIdentifier"]["Id"]
        ident = self.session.client("cognito-identity", endpoint_url=self.url)
        done = self.edit(imports, "mutable")
        self.assertEqual(done["resource_type"], "AWS::Cognito::IdentityPool")
        self.assertIn(done["path"], ("AllowUnauthenticatedIdentities", "AllowClassicFlow"))
        done = self.edit(imports, "fixed")
        self.assertEqual((done["path"], done["rule"]), ("DeveloperProviderName", "never"))
        self.assertEqual(ident.describe_identity_pool(IdentityPoolId=ip_id)["DeveloperProviderName"], ce.DEVELOPER_PROVIDER)
        # Set once: a second fixed edit has nothing left to do.
        self.assertEqual(ce.main(["--endpoint", self.url, "--import-file", str(imports), "--kind", "fixed"]), 1)


if __name__ == "__main__":
    unittest.main()
