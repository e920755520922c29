// The consumer project's jest configuration, as jest's ECMAScript Modules guide has it: no transform, run
// with `node --experimental-vm-modules`.
export default { transform: {}, testMatch: ["**/testing/*.test.js"] };
