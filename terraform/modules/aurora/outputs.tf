output "cluster_identifier" {
  description = "Identifier of the Aurora cluster."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "writer_endpoint" {
  description = "Writer endpoint (POSTGRES_HOST)."
  value       = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint (same instance while instance_count = 1)."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "port" {
  description = "PostgreSQL port (POSTGRES_PORT)."
  value       = aws_rds_cluster.this.port
}

output "database_name" {
  description = "Database name (POSTGRES_DB)."
  value       = aws_rds_cluster.this.database_name
}

output "master_username" {
  description = "Master user name (also in the managed secret under `username`)."
  value       = aws_rds_cluster.this.master_username
}

output "master_user_secret_arn" {
  description = "ARN of the RDS-managed Secrets Manager secret holding the master credentials as JSON {username, password}. The value itself is never in Terraform state."
  value       = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

output "kms_key_arn" {
  description = "KMS key encrypting the cluster storage and the master user secret."
  value       = module.kms.arn
}

output "security_group_id" {
  description = "Security group of the cluster."
  value       = aws_security_group.this.id
}

output "instance_count" {
  description = "Number of Aurora instances."
  value       = length(aws_rds_cluster_instance.this)
}
