"""Tests of the sample-account seeder (scripts/seed.py) against the faithful emulator.

Owns: seeding a fresh emulator once and asserting, through the API, that the sample account has
what the seeder's docstring promises - here the settings of issue 13 that CloudFormation models
as resources of their own (risk configuration and UI customization pool-wide and per client,
managed login branding, log delivery, principal tags), which cogref's scan must find.

    .venv/bin/python -m unittest discover -s scripts/tests
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import unittest
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import seed  # noqa: E402
from test_emulator import Emulator  # noqa: E402


class SeedTest(unittest.TestCase):
    emulator: Emulator
    ids: dict[str, Any]

    @classmethod
    def setUpClass(cls) -> None:
        cls.emulator = Emulator()
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "ids.json")
            code = seed.main(["--endpoint", cls.emulator.url, "--out", out])
            assert code == 0, code
            with open(out, encoding="utf-8") as f:
                cls.ids = json.load(f)
        cls.idp = cls.emulator.client("cognito-idp")
        cls.identity = cls.emulator.client("cognito-identity")
        shop = cls.ids["user_pools"]["shop-customers"]
        cls.pool = shop["id"]
        cls.web = shop["clients"]["shop-web"]["id"]
        cls.backend = shop["clients"]["shop-backend"]["id"]

    @classmethod
    def tearDownClass(cls) -> None:
        cls.emulator.stop()

    def test_risk_configuration_pool_wide_and_for_shop_web(self) -> None:
        pool_wide = self.idp.describe_risk_configuration(UserPoolId=self.pool)["RiskConfiguration"]
        self.assertNotIn("ClientId", pool_wide)
        self.assertEqual(pool_wide["RiskExceptionConfiguration"], {"BlockedIPRangeList": ["192.0.2.0/24"]})
        self.assertEqual(pool_wide["CompromisedCredentialsRiskConfiguration"]["Actions"], {"EventAction": "BLOCK"})
        web = self.idp.describe_risk_configuration(UserPoolId=self.pool, ClientId=self.web)["RiskConfiguration"]
        self.assertEqual(web["ClientId"], self.web)
        self.assertEqual(
            web["AccountTakeoverRiskConfiguration"]["Actions"]["HighAction"],
            {"EventAction": "BLOCK", "Notify": False},
        )
        # shop-backend has none of its own: the answer is the pool's, without its ClientId.
        backend = self.idp.describe_risk_configuration(UserPoolId=self.pool, ClientId=self.backend)
        self.assertNotEqual(backend["RiskConfiguration"].get("ClientId"), self.backend)

    def test_ui_customization_pool_wide_and_for_shop_web(self) -> None:
        pool_wide = self.idp.get_ui_customization(UserPoolId=self.pool)["UICustomization"]
        self.assertEqual(pool_wide["ClientId"], "ALL")
        self.assertIn("banner-customizable", pool_wide["CSS"])
        web = self.idp.get_ui_customization(UserPoolId=self.pool, ClientId=self.web)["UICustomization"]
        self.assertEqual(web["ClientId"], self.web)
        self.assertIn("submitButton-customizable", web["CSS"])

    def test_managed_login_branding_of_shop_web(self) -> None:
        b = self.idp.describe_managed_login_branding_by_client(UserPoolId=self.pool, ClientId=self.web)[
            "ManagedLoginBranding"
        ]
        self.assertEqual(b["ManagedLoginBrandingId"], self.ids["user_pools"]["shop-customers"]["managed_login_branding_id"])
        self.assertEqual(b["Settings"]["categories"]["global"]["colorSchemeMode"], "LIGHT")
        self.assertEqual([a["Category"] for a in b["Assets"]], ["FAVICON_SVG"])
        with self.assertRaises(self.idp.exceptions.ResourceNotFoundException):
            self.idp.describe_managed_login_branding_by_client(UserPoolId=self.pool, ClientId=self.backend)

    def test_log_delivery_of_shop_customers(self) -> None:
        c = self.idp.get_log_delivery_configuration(UserPoolId=self.pool)["LogDeliveryConfiguration"]
        self.assertEqual(len(c["LogConfigurations"]), 1)
        self.assertEqual(c["LogConfigurations"][0]["EventSource"], "userNotification")
        self.assertTrue(c["LogConfigurations"][0]["CloudWatchLogsConfiguration"]["LogGroupArn"].endswith(
            ":log-group:/aws/cognito/shop-customers"))

    def test_principal_tags_of_shop_identity(self) -> None:
        ip = self.ids["identity_pools"]["shop_identity"]["id"]
        m = self.identity.get_principal_tag_attribute_map(
            IdentityPoolId=ip, IdentityProviderName=f"cognito-idp.us-east-1.amazonaws.com/{self.pool}"
        )
        self.assertFalse(m["UseDefaults"])
        self.assertEqual(m["PrincipalTags"], {"tier": "custom:tier", "client": "aud"})


if __name__ == "__main__":
    unittest.main()
