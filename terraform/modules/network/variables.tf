variable "name" {
  description = "Name prefix for every network resource."
  type        = string
}

variable "cidr" {
  description = "IPv4 CIDR of the VPC. Must be /16 to /20; subnets are carved from it with cidrsubnet()."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr, 0)) && tonumber(split("/", var.cidr)[1]) >= 16 && tonumber(split("/", var.cidr)[1]) <= 20
    error_message = "cidr must be a valid IPv4 CIDR between /16 and /20."
  }
}

variable "azs" {
  description = "Availability zones to spread the subnets over (2 or 3)."
  type        = list(string)

  validation {
    condition     = length(var.azs) >= 2 && length(var.azs) <= 3
    error_message = "Give 2 or 3 availability zones."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway shared by all private subnets (cheaper; an AZ outage cuts egress of the other AZ). Set false for one NAT gateway per AZ."
  type        = bool
  default     = true
}

variable "cluster_name" {
  description = "EKS cluster name, used in the kubernetes.io/cluster/<name> subnet tags the AWS Load Balancer Controller reads."
  type        = string
}

variable "enable_flow_logs" {
  description = "Send VPC flow logs (REJECT and ACCEPT) to a KMS-encrypted CloudWatch Logs group."
  type        = bool
  default     = true
}

variable "flow_logs_retention_days" {
  description = "Retention of the flow log group, in days: one of the values CloudWatch Logs accepts (0 = never expire)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_logs_retention_days)
    error_message = "flow_logs_retention_days must be a CloudWatch Logs retention: 0 (never expire), 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "tags" {
  description = "Extra tags for the resources of this module (provider default_tags apply as well)."
  type        = map(string)
  default     = {}
}
