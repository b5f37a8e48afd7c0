#!/usr/bin/env bash
# Used by .github/workflows/infra.yml (plan and apply jobs), from terraform/: writes terraform.tfvars
# from the TF_TFVARS repository variable (CI must plan with the inputs the infrastructure was applied
# with) and runs `tofu init` against the S3 state bucket with its native lock file, encrypted with
# the bootstrap's KMS key (encrypt=true alone would write SSE-S3 objects).
# Needs: TF_TFVARS, TF_STATE_BUCKET, TF_STATE_KMS_KEY_ARN, AWS_REGION. Fails loudly when one is missing.
set -euo pipefail
for v in TF_TFVARS TF_STATE_BUCKET TF_STATE_KMS_KEY_ARN AWS_REGION; do
  [[ -n "${!v:-}" ]] || { echo "::error::$v is not set (docs/deploy.md, step 9)" >&2; exit 1; }
done
printf '%s\n' "$TF_TFVARS" >terraform.tfvars
tofu init -input=false -no-color \
  -backend-config="bucket=${TF_STATE_BUCKET}" \
  -backend-config="key=users-api/terraform.tfstate" \
  -backend-config="region=${AWS_REGION}" \
  -backend-config="encrypt=true" \
  -backend-config="kms_key_id=${TF_STATE_KMS_KEY_ARN}" \
  -backend-config="use_lockfile=true"
