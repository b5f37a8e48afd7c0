output "replication_group_id" {
  description = "ID of the replication group."
  value       = aws_elasticache_replication_group.this.id
}

output "primary_endpoint" {
  description = "Primary endpoint address (REDIS_HOST); TLS only."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "port" {
  description = "Redis port (REDIS_PORT)."
  value       = aws_elasticache_replication_group.this.port
}

output "node_count" {
  description = "Number of cache nodes."
  value       = aws_elasticache_replication_group.this.num_cache_clusters
}

output "auth_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the AUTH token as JSON {auth_token}. The ARN only, never the value."
  value       = aws_secretsmanager_secret.auth.arn
}

output "auth_secret_name" {
  description = "Name of the AUTH token secret (the ExternalSecret's remoteRef key)."
  value       = aws_secretsmanager_secret.auth.name
}

output "kms_key_arn" {
  description = "KMS key encrypting the cache and the AUTH token secret."
  value       = module.kms.arn
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = aws_security_group.this.id
}
