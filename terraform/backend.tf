# Partial configuration: the bucket, key, region and KMS key come from `-backend-config=backend.hcl`
# (copy backend.hcl.example). The state bucket itself is created once by ./bootstrap.
# use_lockfile = true takes the S3-native lock (a <key>.tflock object): no DynamoDB table.
terraform {
  backend "s3" {}
}
