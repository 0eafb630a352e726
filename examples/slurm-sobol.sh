#!/bin/bash
# A Sobol sensitivity analysis of eight levers as a Slurm job array: 1,024
# base samples give 10,240 design points; each array task runs one shard of
# the points (cisim reads SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT),
# then one dependent job joins the shards and computes the indices. The
# merged folder holds the same files, byte for byte, as one run on one
# machine (about 30 s on two cores with --runs 1).
#
#   sbatch examples/slurm-sobol.sh
#   SAMPLES=8 RUNS=2 sbatch --array=0-2 --cpus-per-task=1 examples/slurm-sobol.sh
#
# Every task must get the same levers, --samples, --runs, --seed and --set;
# the array must be one range without gaps (0-7 or 1-8). SAMPLES, RUNS
# and SEED may come from the environment, and sbatch's own options
# override the ones below.
#SBATCH --job-name=cisim-sobol
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=cisim-sobol-%A_%a.log
set -euo pipefail

SAMPLES=${SAMPLES:-1024}
RUNS=${RUNS:-4}
SEED=${SEED:-1}
OUT=results/sobol-$SLURM_ARRAY_JOB_ID

cisim sensitivity collective-impact --method sobol \
  --samples "$SAMPLES" --runs "$RUNS" --seed "$SEED" \
  --vary governance.power_sharing=0:1 \
  --vary governance.beneficiary_engagement=0:4 \
  --vary actors.capability_overlap=0:1 \
  --vary actors.value_spread=0:0.5 \
  --vary problem.complementarity=0:1 \
  --vary governance.backbone_staff=0:4 \
  --vary governance.meeting_interval_weeks=1:12 \
  --vary funding.horizon_years=1:10 \
  --workers "$SLURM_CPUS_PER_TASK" --out "$OUT/shard-$SLURM_ARRAY_TASK_ID"

# The highest-numbered task submits the merge; its dependency holds it
# until every task has finished well. The merge prints the indices and
# writes sensitivity.csv and the report.
if [ "$SLURM_ARRAY_TASK_ID" = "$SLURM_ARRAY_TASK_MAX" ]; then
  sbatch --dependency=afterok:"$SLURM_ARRAY_JOB_ID" --job-name=cisim-sobol-merge \
    --output=cisim-sobol-merge-%j.log --wrap "cisim merge --out $OUT/merged $OUT/shard-*"
fi
