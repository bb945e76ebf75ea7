// Runs before `npm start` and `npm run start:dev` (npm ci refuses through .npmrc's engine-strict):
// a wrong Node.js stops here with one line instead of minutes later with a segfault.
// Plain syntax on purpose: it must run on the old Node it refuses.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `This project needs Node.js 24, but this is Node.js ${process.version}: run \`nvm install\` (it reads .nvmrc) and try again; README.md#nodejs-24 lists other ways.`,
  );
  process.exit(1);
}
