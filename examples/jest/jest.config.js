// One emulator for the whole test run: started before the first test file, stopped after the last.
module.exports = {
  testEnvironment: 'node',
  globalSetup: './global-setup.js',
  globalTeardown: './global-teardown.js',
};
