output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "IPv4 CIDR of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "azs" {
  description = "Availability zones the subnets are in, in subnet order."
  value       = var.azs
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (ALB, NAT gateway)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets (EKS nodes and pods)."
  value       = aws_subnet.private[*].id
}

output "database_subnet_ids" {
  description = "IDs of the database subnets (Aurora, ElastiCache); no internet route."
  value       = aws_subnet.database[*].id
}

output "database_subnet_cidrs" {
  description = "CIDRs of the database subnets (egress targets of the app's NetworkPolicy)."
  value       = aws_subnet.database[*].cidr_block
}

output "public_subnet_cidrs" {
  description = "CIDRs of the public subnets, where the ALB's network interfaces live (ingress sources of the app's NetworkPolicy)."
  value       = aws_subnet.public[*].cidr_block
}

output "private_subnet_cidrs" {
  description = "CIDRs of the private subnets."
  value       = aws_subnet.private[*].cidr_block
}

output "nat_gateway_count" {
  description = "Number of NAT gateways created."
  value       = length(aws_nat_gateway.this)
}

output "nat_public_ips" {
  description = "Public IPs of the NAT gateways (egress addresses of the cluster)."
  value       = aws_eip.nat[*].public_ip
}
