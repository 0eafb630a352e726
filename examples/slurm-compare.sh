#!/bin/bash
# Run `cisim compare` as a Slurm job array: each array task runs one shard
# (cisim reads SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT), then one
# dependent job joins the shards. The merged folder holds the same files,
# byte for byte, as one run on one machine.
#
#   sbatch examples/slurm-compare.sh
#
# Adjust the array size, runs and scenarios; every task must get the same
# --runs, --seed, scenarios and --set flags.
#SBATCH --job-name=cisim
#SBATCH --array=0-9
#SBATCH --cpus-per-task=4
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=cisim-%A_%a.log
set -euo pipefail

RUNS=100000
SEED=1
OUT=results/compare-$SLURM_ARRAY_JOB_ID

cisim compare isolated collective-impact \
  --runs "$RUNS" --seed "$SEED" --workers "$SLURM_CPUS_PER_TASK" \
  --out "$OUT/shard-$SLURM_ARRAY_TASK_ID"

# The last task to finish submits the merge once all tasks are done.
if [ "$SLURM_ARRAY_TASK_ID" = "$SLURM_ARRAY_TASK_MAX" ]; then
  sbatch --dependency=afterok:"$SLURM_ARRAY_JOB_ID" --job-name=cisim-merge \
    --wrap "cisim merge --out $OUT/merged $OUT/shard-*"
fi
