const { startEmulator } = require('share-emulator');

module.exports = async () => {
  const emulator = await startEmulator(); // port 0: any free port
  globalThis.shareEmulator = emulator; // read back in global-teardown.js
  process.env.SHARE_EMULATOR_URL = emulator.url; // test files (in their own workers) read this
};
