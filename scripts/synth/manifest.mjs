// Writes .cache/synth/out/manifest.json for scripts/synth.sh: for every app in apps.json, each
// root stack of its cloud assembly (the cdk.out manifest), its template, the nested stack
// templates it points at through the CDK asset metadata (`aws:asset:path`, recursively), the
// resource types each holds, and what it exercises. Paths are relative to the manifest.
//
//     node scripts/synth/manifest.mjs OUT_DIR APPS_JSON HASH TOOLCHAIN_JSON
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';

const [outDir, appsFile, hash, toolchainJson] = process.argv.slice(2);
const fail = (msg) => {
  console.error(`synth: ${msg}`);
  process.exit(1);
};
const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`cannot read ${path}: ${e.message}`);
  }
};

const countTypes = (template) => {
  const counts = {};
  for (const r of Object.values(template.Resources ?? {})) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
};

// Nested stacks of a template, followed through aws:asset:path (the file next to the parent).
const nestedOf = (templatePath, appName) => {
  const template = readJson(templatePath);
  const nested = [];
  for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
    if (r.Type !== 'AWS::CloudFormation::Stack') continue;
    const asset = r.Metadata?.['aws:asset:path'];
    if (typeof asset !== 'string') fail(`${appName}: nested stack ${logicalId} in ${templatePath} has no aws:asset:path`);
    const path = join(dirname(templatePath), asset);
    if (!existsSync(path)) fail(`${appName}: nested template ${path} (stack ${logicalId}) is missing`);
    const inner = nestedOf(path, appName);
    nested.push({
      logical_id: logicalId,
      template: relative(outDir, path),
      resource_types: countTypes(readJson(path)),
      nested: inner,
    });
  }
  return nested;
};

const apps = readJson(appsFile).apps;
const templates = [];
for (const app of apps) {
  const assemblyDir = join(outDir, app.name);
  const assembly = readJson(join(assemblyDir, 'manifest.json'));
  const stacks = Object.entries(assembly.artifacts ?? {}).filter(([, a]) => a.type === 'aws:cloudformation:stack');
  if (stacks.length === 0) fail(`${app.name}: the cloud assembly has no stack`);
  for (const [artifactId, artifact] of stacks) {
    const templateFile = artifact.properties?.templateFile;
    if (typeof templateFile !== 'string') fail(`${app.name}: stack ${artifactId} has no templateFile`);
    const path = join(assemblyDir, templateFile);
    const exercises = app.kind === 'cdk' ? app.stacks?.[artifactId] : app.exercises;
    if (!Array.isArray(exercises)) fail(`${app.name}: apps.json says nothing about what stack ${artifactId} exercises`);
    templates.push({
      name: app.kind === 'cdk' ? `${app.name}/${artifactId}` : app.name,
      app: app.name,
      kind: app.kind,
      stack_name: artifact.properties?.stackName ?? artifactId,
      template: relative(outDir, path),
      resource_types: countTypes(readJson(path)),
      nested: nestedOf(path, app.name),
      ...(app.context ? { context: app.context } : {}),
      exercises,
    });
  }
}

const manifest = {
  schema_version: 1,
  generated_by: 'scripts/synth.sh',
  inputs_hash: hash,
  toolchain: JSON.parse(toolchainJson),
  templates,
};
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
