#!/bin/bash
# Run `cisim compare` as a Slurm job array: each array task runs one shard
# (cisim reads SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT), then one
# dependent job joins the shards. The merged folder holds the same files,
# byte for byte, as one run on one machine.
#
#   sbatch examples/slurm-compare.sh
#   RUNS=30 sbatch --array=0-2 --cpus-per-task=1 examples/slurm-compare.sh
#
# Adjust the array size, runs and scenarios; every task must get the same
# --runs, --seed, scenarios and --set flags. The array must be one range
# without gaps, 0-9 or 1-10 (task i runs shard i − SLURM_ARRAY_TASK_MIN of
# the SLURM_ARRAY_TASK_COUNT; cisim refuses 1,3,7 or 0-9:2). RUNS and SEED
# may come from the environment, and sbatch's own options (--array,
# --cpus-per-task, …) override the ones below.
#SBATCH --job-name=cisim
#SBATCH --array=0-9
#SBATCH --cpus-per-task=4
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=cisim-%A_%a.log
set -euo pipefail

RUNS=${RUNS:-100000}
SEED=${SEED:-1}
OUT=results/compare-$SLURM_ARRAY_JOB_ID

cisim compare isolated collective-impact \
  --runs "$RUNS" --seed "$SEED" --workers "$SLURM_CPUS_PER_TASK" \
  --out "$OUT/shard-$SLURM_ARRAY_TASK_ID"

# The highest-numbered task submits the merge; its dependency holds it
# until every task has finished well (whichever finishes last).
if [ "$SLURM_ARRAY_TASK_ID" = "$SLURM_ARRAY_TASK_MAX" ]; then
  sbatch --dependency=afterok:"$SLURM_ARRAY_JOB_ID" --job-name=cisim-merge \
    --output=cisim-merge-%j.log --wrap "cisim merge --out $OUT/merged $OUT/shard-*"
fi
