// `npm run chaos`: the fault suite (README, "Benchmarks and faults") is not written yet.
console.error('✗ chaos: the fault suite is not written yet — see README.md, "Benchmarks and faults"');
process.exit(1);
