module.exports = async () => {
  await globalThis.shareEmulator.close();
};
