output "state_bucket" {
  description = "Bucket name for backend.hcl and the main configuration's state_bucket variable."
  value       = aws_s3_bucket.state.bucket
}

output "state_kms_key_arn" {
  description = "KMS key encrypting the state objects: backend.hcl's kms_key_id and the main configuration's state_kms_key_arn (the plan role decrypts the state and encrypts its lock file with it)."
  value       = module.kms.arn
}

output "backend_hcl" {
  description = "Content for ../backend.hcl."
  value       = <<-EOT
    bucket       = "${aws_s3_bucket.state.bucket}"
    key          = "users-api/terraform.tfstate"
    region       = "${var.region}"
    encrypt      = true
    kms_key_id   = "${module.kms.arn}"
    use_lockfile = true
  EOT
}
