output "state_bucket" {
  description = "Bucket name for backend.hcl and the main configuration's state_bucket variable."
  value       = aws_s3_bucket.state.bucket
}

output "state_kms_key_arn" {
  description = "KMS key encrypting the state objects (the plan role needs kms:Decrypt on it)."
  value       = module.kms.arn
}

output "backend_hcl" {
  description = "Content for ../backend.hcl."
  value       = <<-EOT
    bucket       = "${aws_s3_bucket.state.bucket}"
    key          = "users-api/terraform.tfstate"
    region       = "${var.region}"
    encrypt      = true
    use_lockfile = true
  EOT
}
