variable "cluster_name" {
  description = "Name of the EKS cluster."
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and nodes (e.g. \"1.34\"). Keep it in standard support: extended support costs 6x the control-plane fee."
  type        = string
  default     = "1.34"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must look like 1.34."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the control-plane ENIs, the nodes and the pods."
  type        = list(string)
}

variable "endpoint_public_access" {
  description = "Expose the Kubernetes API endpoint publicly (restricted to public_access_cidrs). The private endpoint is always on."
  type        = bool
  default     = true
}

variable "public_access_cidrs" {
  description = "IPv4 CIDRs allowed to reach the public API endpoint, each /16 or narrower (0.0.0.0/0 is refused): use your office/VPN egress /32."
  type        = list(string)

  validation {
    condition     = alltrue([for c in var.public_access_cidrs : can(regex("^[0-9.]+/(1[6-9]|2[0-9]|3[0-2])$", c)) && can(cidrhost(c, 0))])
    error_message = "public_access_cidrs must be IPv4 CIDRs with a prefix of /16 to /32."
  }
}

variable "cluster_log_types" {
  description = "Control-plane log types sent to CloudWatch Logs."
  type        = list(string)
  default     = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
}

variable "cluster_log_retention_days" {
  description = "Retention of the control-plane log group, in days: one of the values CloudWatch Logs accepts (0 = never expire)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.cluster_log_retention_days)
    error_message = "cluster_log_retention_days must be a CloudWatch Logs retention: 0 (never expire), 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "admin_principal_arns" {
  description = "IAM principals (roles/users, not STS session ARNs) that get an access entry with AmazonEKSClusterAdminPolicy."
  type        = list(string)
  default     = []
}

variable "node_instance_types" {
  description = "Instance types of the managed node group."
  type        = list(string)
  default     = ["t3.small"]
}

variable "node_min_size" {
  description = "Minimum number of nodes."
  type        = number
  default     = 1
}

variable "node_max_size" {
  description = "Maximum number of nodes."
  type        = number
  default     = 1
}

variable "node_desired_size" {
  description = "Desired number of nodes."
  type        = number
  default     = 1
}

variable "node_disk_size_gb" {
  description = "Size of the encrypted gp3 root volume of each node, in GiB."
  type        = number
  default     = 20
}

variable "node_max_pods" {
  description = "kubelet maxPods of each node. With VPC CNI prefix delegation IPs are no longer the limit (a t3.small has 11 pod slots without it); memory is: kube-reserved grows by 11 MiB per pod slot."
  type        = number
  default     = 24
}

variable "addon_versions" {
  description = "Pinned versions of the managed add-ons (keys: vpc-cni, coredns, kube-proxy, eks-pod-identity-agent, metrics-server). A missing key takes the default version for the cluster's Kubernetes version."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "Extra tags for the resources of this module."
  type        = map(string)
  default     = {}
}
