// The headless `lkl-scope` command (placeholder until the CLI lands in this commit series).
console.log('lkl-scope');
