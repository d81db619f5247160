//! The emitted CloudFormation template describes the live resources exactly: fed back as the
//! desired side of `cogref drift`, it reports no drift (issue 5's done-when, landed with drift).

use crate::harness::{cogref_run, fixture, run, sample_account};

#[test]
fn the_emitted_template_is_no_drift_against_the_snapshot_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = fixture("sample-snapshot.json");
    let snapshot = snapshot.to_str().unwrap();
    for format in ["json", "yaml"] {
        let out = dir.path().join(format);
        let r = cogref_run(&[
            "emit",
            "cloudformation",
            "--snapshot",
            snapshot,
            "--template-format",
            format,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let template = out.join(format!("template.{format}"));
        let import = out.join("resources-to-import.json");
        // Matched through the import file, and by name alone.
        for matching in [vec!["--import-file", import.to_str().unwrap()], vec![]] {
            let mut args = vec![
                "drift",
                "--snapshot",
                snapshot,
                "--desired",
                template.to_str().unwrap(),
                "--format",
                "json",
            ];
            args.extend(matching.iter());
            let r = cogref_run(&args);
            assert_eq!(
                r.code, 0,
                "{format} {matching:?}: {}\n{}",
                r.stdout, r.stderr
            );
            let report = r.json();
            assert_eq!(
                report["findings"].as_array().map(Vec::len),
                Some(0),
                "{report}"
            );
        }
    }
}

#[test]
fn the_emitted_template_is_no_drift_against_the_live_account() {
    let sample = sample_account();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cfn");
    let r = run(sample
        .emulator
        .cogref()
        .args(["emit", "cloudformation", "--out"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(sample
        .emulator
        .cogref()
        .args(["drift", "--desired"])
        .arg(out.join("template.json"))
        .arg("--import-file")
        .arg(out.join("resources-to-import.json")));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("No drift"), "{}", r.stdout);
}

/// Issue 11 (developer-only attributes) and issue 17 item 1 (empty `CustomDomainConfig`): a
/// snapshot holding what DescribeUserPool / DescribeUserPoolDomain return on a real account -
/// a `dev:custom:` attribute and, as older snapshots hold it, the empty `CertificateArn` the
/// SDK fills in for a prefix domain's `"CustomDomainConfig": {}`.
#[test]
fn developer_only_attributes_and_empty_domain_configs_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("sample-snapshot.json")).unwrap();
    let mut snap: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pool = snap["user_pools"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["name"] == "shop-customers")
        .unwrap();
    pool["schema"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "name": "dev:custom:backend_flag", "data_type": "String", "developer_only": true,
            "mutable": true, "required": false,
            "string_min_length": "0", "string_max_length": "16"
        }));
    pool["domain"]["certificate_arn"] = serde_json::json!("");
    let path = dir.path().join("snapshot.json");
    std::fs::write(&path, serde_json::to_string_pretty(&snap).unwrap()).unwrap();
    let snapshot = path.to_str().unwrap();

    // CloudFormation: the bare name with DeveloperOnlyAttribute, no CustomDomainConfig.
    let cfn = dir.path().join("cfn");
    let r = cogref_run(&[
        "emit",
        "cloudformation",
        "--snapshot",
        snapshot,
        "--out",
        cfn.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let template: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(cfn.join("template.json")).unwrap()).unwrap();
    let resources = template["Resources"].as_object().unwrap();
    let pool = &resources["UserPoolShopCustomers"]["Properties"];
    let attr = pool["Schema"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["Name"] == "backend_flag")
        .unwrap_or_else(|| panic!("no bare backend_flag in {}", pool["Schema"]));
    assert_eq!(attr["DeveloperOnlyAttribute"], true);
    assert_eq!(attr["StringAttributeConstraints"]["MaxLength"], "16");
    let domain = &resources["UserPoolDomainShopCustomers"]["Properties"];
    assert_eq!(domain["Domain"], "shop-customers-demo");
    assert!(domain.get("CustomDomainConfig").is_none(), "{domain}");

    // Terraform: the same bare name, no certificate.
    let tf = dir.path().join("tf");
    let r = cogref_run(&[
        "emit",
        "terraform",
        "--snapshot",
        snapshot,
        "--out",
        tf.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let main = std::fs::read_to_string(tf.join("main.tf")).unwrap();
    let block = main
        .split("schema {")
        .find(|b| b.contains("\"backend_flag\""))
        .unwrap_or_else(|| panic!("no backend_flag schema block in\n{main}"));
    assert!(block.contains("developer_only_attribute = true"), "{block}");
    assert!(!main.contains("custom:backend_flag"), "{main}");
    assert!(!main.contains("certificate_arn"), "{main}");

    // Drift: the snapshot against itself and against its own template is clean.
    let template_path = cfn.join("template.json");
    let import = cfn.join("resources-to-import.json");
    for desired in [
        vec!["--desired", snapshot],
        vec!["--desired", template_path.to_str().unwrap()],
        vec![
            "--desired",
            template_path.to_str().unwrap(),
            "--import-file",
            import.to_str().unwrap(),
        ],
    ] {
        let mut args = vec!["drift", "--snapshot", snapshot, "--format", "json"];
        args.extend(desired.iter());
        let r = cogref_run(&args);
        assert_eq!(r.code, 0, "{desired:?}: {}\n{}", r.stdout, r.stderr);
        assert_eq!(
            r.json()["findings"].as_array().map(Vec::len),
            Some(0),
            "{desired:?}"
        );
    }

    // check and outputs read the same snapshot without choking.
    let pool_id = "us-east-1_7bf47042bd1541c8b764fbda3108d448";
    let r = cogref_run(&["check", "--snapshot", snapshot, "--pool", pool_id]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let r = cogref_run(&["emit", "outputs", "--snapshot", snapshot, "--pool", pool_id]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let outputs = r.json();
    assert_eq!(outputs["auth"]["user_pool_id"], pool_id, "{outputs}");
}
