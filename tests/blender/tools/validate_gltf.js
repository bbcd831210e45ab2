// Validate .glb files with the Khronos glTF validator; prints one JSON report per line.
// usage: node validate_gltf.js NODE_MODULES FILE...
const path = require('path');
const fs = require('fs');
const validator = require(path.resolve(process.argv[2], 'gltf-validator'));

async function main() {
  for (const file of process.argv.slice(3)) {
    const report = await validator.validateBytes(new Uint8Array(fs.readFileSync(file)), {
      uri: path.basename(file), maxIssues: 200,
      externalResourceFunction: (uri) => new Promise((resolve, reject) => {
        fs.readFile(path.join(path.dirname(file), decodeURIComponent(uri)),
          (err, data) => err ? reject(err.toString()) : resolve(new Uint8Array(data)));
      }),
    });
    process.stdout.write(JSON.stringify({file, issues: report.issues, info: report.info}) + '\n');
  }
}
main().catch((err) => { console.error(err); process.exit(1); });
