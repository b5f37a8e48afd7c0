output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = aws_eks_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the EKS cluster."
  value       = aws_eks_cluster.this.arn
}

output "cluster_endpoint" {
  description = "URL of the Kubernetes API server."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64 CA certificate of the API server (public data)."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "cluster_version" {
  description = "Kubernetes version of the control plane."
  value       = aws_eks_cluster.this.version
}

output "cluster_security_group_id" {
  description = "Security group EKS creates for the cluster; the managed nodes (and so the pods) use it, so Aurora and Redis admit it."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "kms_key_arn" {
  description = "KMS key encrypting Kubernetes secrets and the control-plane logs."
  value       = module.kms.arn
}

output "node_role_arn" {
  description = "IAM role of the managed nodes."
  value       = aws_iam_role.node.arn
}

output "node_group_name" {
  description = "Name of the managed node group."
  value       = aws_eks_node_group.default.node_group_name
}

output "addons" {
  description = "Names of the managed add-ons installed."
  value       = concat(keys(aws_eks_addon.before_nodes), keys(aws_eks_addon.after_nodes))
}

output "node_subnet_ids" {
  description = "Subnets the managed node group launches nodes in."
  value       = aws_eks_node_group.default.subnet_ids
}

output "admin_principal_arns" {
  description = "IAM principals with a cluster-admin access entry."
  value       = toset([for e in aws_eks_access_entry.admin : e.principal_arn])
}

output "node_tags" {
  description = "Tags the launch template puts on the nodes' instances and volumes, by resource type (provider default_tags do not reach them: pass them in tags)."
  value       = { for t in aws_launch_template.node.tag_specifications : t.resource_type => t.tags }
}
