// Validates Kubernetes manifests (multi-document YAML, e.g. `helm template` output) against the Kubernetes API
// schemas, as kubeconform does, with no cluster and no binary download: kubernetes-models ships validators generated
// from the Kubernetes OpenAPI specification (and @kubernetes-models/prometheus-operator those of ServiceMonitor).
// Usage: node k8s-validate.mjs <manifest.yaml>... Prints "OK <kind>/<name>" per object; for an invalid object one
// line per violation naming the field, and exits 1. An object whose kind has no schema is an error too (kubeconform
// without -ignore-missing-schemas).
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "monitoring.coreos.com") return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

let failed = false;
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node k8s-validate.mjs <manifest.yaml>...");
  process.exit(2);
}
for (const file of files) {
  const documents = yaml.loadAll(readFileSync(file, "utf8"), null, { filename: file }).filter((d) => d != null);
  for (const object of documents) {
    const id = `${object.kind}/${object.metadata?.name}`;
    let Model;
    try {
      const module = await import(modulePath(String(object.apiVersion), String(object.kind)));
      Model = module[object.kind];
    } catch (e) {
      console.error(`INVALID ${id}: no schema for apiVersion ${object.apiVersion} kind ${object.kind}`);
      failed = true;
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`OK ${id}`);
    } catch (e) {
      failed = true;
      for (const error of e.errors ?? [{ instancePath: "", message: e.message }]) {
        const field = error.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(root)";
        const detail = error.params?.allowedValues ? ` ${JSON.stringify(error.params.allowedValues)}` : "";
        console.error(`INVALID ${id}: ${field}: ${error.message}${detail}`);
      }
    }
  }
}
process.exit(failed ? 1 : 0);
