# Offline plan tests: every provider is mocked (no AWS account, no cluster, no network).
# OpenTofu's mock provider fills computed attributes during plan, so IDs can be compared.
# Run with `make test-terraform` (or `tofu test` from terraform/ with the mirror CLI config).

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:sts::123456789012:assumed-role/admin/session"
    }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
  mock_data "aws_availability_zones" {
    defaults = { names = ["us-east-1a", "us-east-1b", "us-east-1c"] }
  }
  # The AUTH token read back from Secrets Manager; the outputs test checks it leaks nowhere.
  mock_data "aws_secretsmanager_secret_version" {
    defaults = { secret_string = "{\"auth_token\":\"MOCK-REDIS-AUTH-TOKEN-0123456789\"}" }
  }
  # Computed ARNs must look like ARNs: the provider still validates the planned arguments.
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
  mock_resource "aws_launch_template" {
    defaults = { id = "lt-0123456789abcdef0" }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::123456789012:policy/mock" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:users-api/redis-auth-AbCdEf" }
  }
  mock_resource "aws_iam_openid_connect_provider" {
    defaults = { arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
  }
  mock_resource "aws_ecr_repository" {
    defaults = {
      arn            = "arn:aws:ecr:us-east-1:123456789012:repository/users-api"
      repository_url = "123456789012.dkr.ecr.us-east-1.amazonaws.com/users-api"
    }
  }
  mock_resource "aws_eks_cluster" {
    defaults = {
      certificate_authority = [{ data = "Y2VydGlmaWNhdGU=" }]
      endpoint              = "https://ABCDEF.gr7.us-east-1.eks.amazonaws.com"
      arn                   = "arn:aws:eks:us-east-1:123456789012:cluster/users-api"
    }
  }
  mock_resource "aws_rds_cluster" {
    defaults = {
      master_user_secret = [{
        secret_arn    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-0000-AbCdEf"
        kms_key_id    = "arn:aws:kms:us-east-1:123456789012:key/aurora"
        secret_status = "active"
      }]
    }
  }
}

mock_provider "helm" {}

variables {
  cluster_endpoint_public_access_cidrs = ["203.0.113.10/32"]
  cluster_admin_principal_arns         = ["arn:aws:iam::123456789012:role/platform-admin"]
}

# ---------------------------------------------------------------------------------------
# Root configuration: wiring between the modules and the outputs
# ---------------------------------------------------------------------------------------
run "root_wiring" {
  # A mock apply (still no AWS call): every value, including the Redis AUTH token read back
  # from Secrets Manager, is known, so the outputs can be searched for it.
  command = apply

  # Mocked IDs are the same for every instance of a resource type, so each subnet tier gets a
  # recognisable ID: the node group must be wired to the private tier and no other.
  override_resource {
    target = module.network.aws_subnet.public
    values = { id = "subnet-public" }
  }
  override_resource {
    target = module.network.aws_subnet.private
    values = { id = "subnet-private" }
  }
  override_resource {
    target = module.network.aws_subnet.database
    values = { id = "subnet-database" }
  }

  assert {
    condition     = length(module.network.azs) == 2
    error_message = "The VPC must span exactly 2 AZs by default."
  }

  assert {
    condition     = module.network.nat_gateway_count == 1
    error_message = "One NAT gateway by default (cost)."
  }

  assert {
    condition     = module.eks.node_subnet_ids == toset(["subnet-private"]) && toset(module.network.private_subnet_ids) == toset(["subnet-private"])
    error_message = "The node group must use exactly the private subnets."
  }

  assert {
    condition     = length(setintersection(module.eks.node_subnet_ids, concat(module.network.public_subnet_ids, module.network.database_subnet_ids))) == 0
    error_message = "No node may land in a public or database subnet."
  }

  assert {
    condition     = module.aurora.instance_count == 1
    error_message = "Exactly one Aurora instance."
  }

  assert {
    condition     = module.elasticache.node_count == 1
    error_message = "Exactly one cache node."
  }

  assert {
    condition     = module.addons.external_secrets_pod_identity == { namespace = "external-secrets", service_account = "external-secrets" }
    error_message = "The ESO role must be associated with external-secrets/external-secrets."
  }

  assert {
    condition     = module.addons.lbc_pod_identity == { namespace = "kube-system", service_account = "aws-load-balancer-controller" }
    error_message = "The LB controller role must be associated with kube-system/aws-load-balancer-controller."
  }

  assert {
    condition     = module.addons.deployer_rbac == { release = "users-api-deployer-rbac", namespace = "external-secrets", app_namespace = "users-api", group = "users-api-deployers" } && module.github_oidc.deploy_kubernetes_group == "users-api-deployers"
    error_message = "The deployer-rbac release must bind the deploy role's access-entry group (users-api-deployers) in the app namespace."
  }

  # default_tags do not reach the instances and volumes a launch template's tag_specifications tag.
  assert {
    condition = toset(keys(module.eks.node_tags)) == toset(["instance", "volume"]) && alltrue([for tags in values(module.eks.node_tags) :
    tags["Project"] == "users-api" && tags["Environment"] == "dev" && tags["ManagedBy"] == "terraform" && tags["Name"] == "users-api-node"])
    error_message = "The nodes' instances and volumes must carry the default tags (launch template tag_specifications)."
  }

  # The mocked caller is arn:aws:sts::123456789012:assumed-role/admin/session: it must not get
  # an entry of its own, or every plan by another principal (CI) would change the admins.
  assert {
    condition     = module.eks.admin_principal_arns == toset(["arn:aws:iam::123456789012:role/platform-admin"])
    error_message = "Cluster admins must be exactly cluster_admin_principal_arns, whoever runs the plan."
  }

  assert {
    condition     = output.update_kubeconfig_command == "aws eks update-kubeconfig --region us-east-1 --name users-api"
    error_message = "update_kubeconfig_command is wrong."
  }

  assert {
    condition     = output.helm_values.redis.tls == true && output.helm_values.database.port == 5432 && output.helm_values.redis.port == 6379 && output.helm_values.database.sslMode == "verify-full"
    error_message = "helm_values must carry the ports, TLS for Redis and sslmode=verify-full for PostgreSQL."
  }

  assert {
    condition     = output.helm_values.externalSecrets.database.remoteRef.key == output.postgres_secret_arn && output.helm_values.externalSecrets.redis.remoteRef.property == "auth_token"
    error_message = "helm_values must point the ExternalSecret at the two secrets."
  }

  # helm_values goes to the chart with -f, and the chart's values.schema.json refuses unknown keys
  # at every level (additionalProperties: false): every key it sets, four levels deep, must be one
  # the schema declares, or the release fails validation (as networkPolicy.ingressCidrs would have).
  assert {
    condition = alltrue([for schema in [jsondecode(file("${path.module}/../helm/users-api/values.schema.json"))] : alltrue(flatten([
      for k1, v1 in output.helm_values : [
        can(schema.properties[k1]),
        [for k2, v2 in try({ for k in keys(v1) : k => v1[k] }, {}) : [
          can(schema.properties[k1].properties[k2]),
          [for k3, v3 in try({ for k in keys(v2) : k => v2[k] }, {}) : [
            can(schema.properties[k1].properties[k2].properties[k3]),
            [for k4, v4 in try({ for k in keys(v3) : k => v3[k] }, {}) : can(schema.properties[k1].properties[k2].properties[k3].properties[k4])],
          ]],
        ]],
      ]
    ]))])
    error_message = "helm_values sets a key the chart's values.schema.json does not declare."
  }

  # The chart's schema refuses any other key (the VPC-wide ingressCidrs went): with the VPC CNI
  # every pod has a VPC address, so only the ALB's subnets may reach the API.
  assert {
    condition     = output.helm_values.networkPolicy.albCidrs == module.network.public_subnet_cidrs && length(output.helm_values.networkPolicy.albCidrs) == 2 && toset(keys(output.helm_values.networkPolicy)) == toset(["albCidrs", "egress"])
    error_message = "helm_values must admit only the public (ALB) subnets to the pods, under the chart's key networkPolicy.albCidrs."
  }

  # RDS rotates the password every 7 days; the pods read it from env vars at start.
  assert {
    condition     = output.helm_values.reloader.enabled == true && contains(keys(module.addons.releases), "reloader")
    error_message = "Reloader must be installed and helm_values must turn on the chart's reloader annotation."
  }

  # No output may carry a secret value: the mocked AUTH token must not appear anywhere.
  assert {
    condition = !strcontains(jsonencode([
      output.region, output.cluster_name, output.cluster_endpoint, output.update_kubeconfig_command,
      output.ecr_repository_url, output.postgres_host, output.postgres_port, output.postgres_db,
      output.postgres_secret_arn, output.redis_host, output.redis_port, output.redis_secret_arn,
      output.redis_secret_name, output.github_deploy_role_arn, output.github_plan_role_arn,
      output.external_secrets_role_arn, output.helm_values,
    ]), "MOCK-REDIS-AUTH-TOKEN")
    error_message = "An output contains the Redis AUTH token."
  }
}

run "root_rejects_open_api_endpoint" {
  command = plan

  variables {
    cluster_endpoint_public_access_cidrs = ["0.0.0.0/0"]
  }

  expect_failures = [var.cluster_endpoint_public_access_cidrs]
}

# Two halves of the address space are as open as 0.0.0.0/0; a string compare let them through.
run "root_rejects_broad_api_endpoint_cidrs" {
  command = plan

  variables {
    cluster_endpoint_public_access_cidrs = ["0.0.0.0/1", "128.0.0.0/1"]
  }

  expect_failures = [var.cluster_endpoint_public_access_cidrs]
}

run "root_rejects_no_cluster_admin" {
  command = plan

  variables {
    cluster_admin_principal_arns = []
  }

  expect_failures = [var.cluster_admin_principal_arns]
}

run "root_rejects_session_arn_as_cluster_admin" {
  command = plan

  variables {
    cluster_admin_principal_arns = ["arn:aws:sts::123456789012:assumed-role/admin/session"]
  }

  expect_failures = [var.cluster_admin_principal_arns]
}

run "bootstrap_backend_config" {
  command = plan

  module {
    source = "./bootstrap"
  }

  # encrypt = true without kms_key_id makes the S3 backend send SSE-S3 (AES256), overriding the
  # bucket's KMS default encryption.
  assert {
    condition     = strcontains(output.backend_hcl, "kms_key_id   = \"arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000\"")
    error_message = "The generated backend.hcl must name the bootstrap's KMS key (kms_key_id)."
  }
}

run "root_rejects_bad_app_namespace" {
  command = plan

  variables {
    app_namespace = "Users_API"
  }

  expect_failures = [var.app_namespace]
}

# ---------------------------------------------------------------------------------------
# Modules, planned on their own so their resources can be inspected
# ---------------------------------------------------------------------------------------
run "network" {
  command = plan

  module {
    source = "./modules/network"
  }

  variables {
    name         = "t"
    azs          = ["us-east-1a", "us-east-1b"]
    cluster_name = "t"
  }

  override_resource {
    target = aws_route_table.private
    values = { id = "rtb-private" }
  }
  override_resource {
    target = aws_route_table.database
    values = { id = "rtb-database" }
  }

  assert {
    condition     = length(aws_subnet.public) == 2 && length(aws_subnet.private) == 2 && length(aws_subnet.database) == 2
    error_message = "2 public, 2 private and 2 database subnets."
  }

  assert {
    condition     = alltrue([for s in aws_subnet.public : s.tags["kubernetes.io/role/elb"] == "1" && !s.map_public_ip_on_launch])
    error_message = "Public subnets need the elb role tag and no auto-assigned public IPs."
  }

  assert {
    condition     = alltrue([for s in aws_subnet.private : s.tags["kubernetes.io/role/internal-elb"] == "1"])
    error_message = "Private subnets need the internal-elb role tag."
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 1 && length(aws_flow_log.this) == 1
    error_message = "One NAT gateway and VPC flow logs by default."
  }

  assert {
    condition = (aws_flow_log.this[0].traffic_type == "ALL" && aws_cloudwatch_log_group.flow_logs[0].retention_in_days == 30 &&
    length(module.flow_logs_kms) == 1)
    error_message = "The flow logs record all traffic into a KMS-encrypted log group kept 30 days."
  }

  assert {
    condition     = length(aws_default_security_group.this.ingress) == 0 && length(aws_default_security_group.this.egress) == 0
    error_message = "The default security group must have no rules."
  }

  # ECR image layers come from S3: without the endpoint they pay the NAT gateway's per-GB charge.
  assert {
    condition = (aws_vpc_endpoint.s3.service_name == "com.amazonaws.us-east-1.s3" && aws_vpc_endpoint.s3.vpc_endpoint_type == "Gateway" &&
    aws_vpc_endpoint.s3.route_table_ids == toset(["rtb-private"]))
    error_message = "An S3 gateway endpoint must serve the private route tables (and only them)."
  }
}

run "network_per_az_nat_without_flow_logs" {
  command = plan

  module {
    source = "./modules/network"
  }

  variables {
    name               = "t"
    azs                = ["us-east-1a", "us-east-1b"]
    cluster_name       = "t"
    single_nat_gateway = false
    enable_flow_logs   = false
  }

  assert {
    condition = (length(aws_nat_gateway.this) == 2 && length(aws_flow_log.this) == 0 &&
    length(aws_cloudwatch_log_group.flow_logs) == 0 && length(aws_iam_role.flow_logs) == 0 && length(module.flow_logs_kms) == 0)
    error_message = "single_nat_gateway=false gives one NAT per AZ; enable_flow_logs=false leaves out the flow log, its log group, role and key."
  }
}

run "network_rejects_unsupported_log_retention" {
  command = plan

  module {
    source = "./modules/network"
  }

  variables {
    name                     = "t"
    azs                      = ["us-east-1a", "us-east-1b"]
    cluster_name             = "t"
    flow_logs_retention_days = 45
  }

  expect_failures = [var.flow_logs_retention_days]
}

run "eks" {
  command = plan

  module {
    source = "./modules/eks"
  }

  variables {
    cluster_name         = "t"
    vpc_id               = "vpc-1"
    private_subnet_ids   = ["subnet-a", "subnet-b"]
    public_access_cidrs  = ["203.0.113.10/32"]
    admin_principal_arns = ["arn:aws:iam::123456789012:role/admin"]
  }

  assert {
    condition     = aws_eks_node_group.default.instance_types == tolist(["t3.small"]) && aws_eks_node_group.default.ami_type == "AL2023_x86_64_STANDARD"
    error_message = "The node group must be t3.small on AL2023."
  }

  assert {
    condition = (aws_eks_node_group.default.scaling_config[0].min_size == 1 &&
      aws_eks_node_group.default.scaling_config[0].max_size == 1 &&
    aws_eks_node_group.default.scaling_config[0].desired_size == 1)
    error_message = "Exactly one node: min = max = desired = 1."
  }

  assert {
    condition     = toset(aws_eks_node_group.default.subnet_ids) == toset(["subnet-a", "subnet-b"])
    error_message = "Nodes go in the given private subnets."
  }

  assert {
    condition = (aws_launch_template.node.metadata_options[0].http_tokens == "required" &&
    aws_launch_template.node.metadata_options[0].http_put_response_hop_limit == 1)
    error_message = "IMDSv2 must be required with hop limit 1."
  }

  assert {
    condition = (aws_launch_template.node.block_device_mappings[0].ebs[0].encrypted == "true" &&
    aws_launch_template.node.block_device_mappings[0].ebs[0].volume_type == "gp3")
    error_message = "The node root volume must be encrypted gp3."
  }

  assert {
    condition     = strcontains(base64decode(aws_launch_template.node.user_data), "maxPods: 24")
    error_message = "The AL2023 NodeConfig must raise kubelet maxPods (prefix delegation provides the IPs)."
  }

  assert {
    condition = (aws_eks_cluster.this.access_config[0].authentication_mode == "API" &&
    aws_eks_cluster.this.access_config[0].bootstrap_cluster_creator_admin_permissions == false)
    error_message = "API authentication mode with access entries, no implicit creator admin."
  }

  assert {
    condition     = aws_eks_cluster.this.vpc_config[0].endpoint_private_access && !contains(tolist(aws_eks_cluster.this.vpc_config[0].public_access_cidrs), "0.0.0.0/0")
    error_message = "Private endpoint on; public endpoint restricted."
  }

  assert {
    condition     = aws_eks_cluster.this.encryption_config[0].resources == toset(["secrets"]) && length(aws_eks_cluster.this.enabled_cluster_log_types) == 5
    error_message = "Secrets envelope encryption and all control-plane logs."
  }

  assert {
    condition     = aws_eks_access_policy_association.admin["arn:aws:iam::123456789012:role/admin"].access_scope[0].type == "cluster"
    error_message = "The admin principal gets a cluster-scoped access policy."
  }

  assert {
    condition = (jsondecode(aws_eks_addon.before_nodes["vpc-cni"].configuration_values).env.ENABLE_PREFIX_DELEGATION == "true" &&
    jsondecode(aws_eks_addon.before_nodes["vpc-cni"].configuration_values).enableNetworkPolicy == "true")
    error_message = "vpc-cni needs prefix delegation and network policy enforcement."
  }

  assert {
    condition     = !aws_eks_cluster.this.bootstrap_self_managed_addons && toset(concat(keys(aws_eks_addon.before_nodes), keys(aws_eks_addon.after_nodes))) == toset(["vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent", "metrics-server"])
    error_message = "The five managed add-ons must be installed, and no self-managed copies bootstrapped."
  }
}

run "eks_rejects_open_endpoint_and_unsupported_log_retention" {
  command = plan

  module {
    source = "./modules/eks"
  }

  variables {
    cluster_name               = "t"
    vpc_id                     = "vpc-1"
    private_subnet_ids         = ["subnet-a", "subnet-b"]
    public_access_cidrs        = ["0.0.0.0/0"]
    cluster_log_retention_days = 45
  }

  # The module refuses an open endpoint itself (the CKV_AWS_38 skip relies on it).
  expect_failures = [var.public_access_cidrs, var.cluster_log_retention_days]
}

run "aurora" {
  command = plan

  module {
    source = "./modules/aurora"
  }

  variables {
    name                       = "t"
    vpc_id                     = "vpc-1"
    subnet_ids                 = ["subnet-c", "subnet-d"]
    allowed_security_group_ids = ["sg-cluster"]
  }

  assert {
    condition     = length(aws_rds_cluster_instance.this) == 1 && aws_rds_cluster_instance.this[0].instance_class == "db.t4g.medium"
    error_message = "One db.t4g.medium instance."
  }

  assert {
    condition     = aws_rds_cluster.this.storage_encrypted && aws_rds_cluster.this.kms_key_id != null
    error_message = "Storage must be encrypted with the module's KMS key."
  }

  assert {
    condition     = aws_rds_cluster.this.manage_master_user_password && aws_rds_cluster.this.master_password == null
    error_message = "The master password must be managed by RDS, never given to Terraform."
  }

  assert {
    condition     = one([for p in aws_rds_cluster_parameter_group.this.parameter : p.value if p.name == "rds.force_ssl"]) == "1"
    error_message = "TLS must be enforced (rds.force_ssl = 1)."
  }

  assert {
    condition     = aws_rds_cluster.this.deletion_protection && !aws_rds_cluster.this.skip_final_snapshot && aws_rds_cluster.this.backup_retention_period == 7
    error_message = "Deletion protection, final snapshot and 7 days of backups by default."
  }

  assert {
    condition = alltrue([for r in aws_vpc_security_group_ingress_rule.postgres :
    r.cidr_ipv4 == null && r.cidr_ipv6 == null && r.from_port == 5432 && r.to_port == 5432 && r.referenced_security_group_id == "sg-cluster"])
    error_message = "5432 only from the cluster security group, never from a CIDR."
  }

  assert {
    condition     = !aws_rds_cluster_instance.this[0].publicly_accessible
    error_message = "The instance must not be public."
  }

  # A fixed name with create_before_destroy fails on replacement ("already exists").
  assert {
    condition     = aws_rds_cluster_parameter_group.this.name_prefix == "t-aurora-postgresql17-"
    error_message = "The cluster parameter group must be named by prefix (create_before_destroy replaces it)."
  }

  # Left to RDS, the group of the exported log (client IPs) would have no retention and no CMK.
  assert {
    condition = (aws_cloudwatch_log_group.postgresql.name == "/aws/rds/cluster/t/postgresql" &&
      aws_cloudwatch_log_group.postgresql.retention_in_days == 30 &&
    aws_cloudwatch_log_group.postgresql.kms_key_id == module.kms.arn && aws_rds_cluster.this.enabled_cloudwatch_logs_exports == toset(["postgresql"]))
    error_message = "The PostgreSQL log group must be created under the name RDS exports to, with 30 days of retention and the module's KMS key."
  }
}

# AWS upgrades the minor version (auto_minor_version_upgrade), so the refreshed state holds a
# newer version than the configuration: a (mock) apply at 17.7, then a plan at 17.4 must keep
# 17.7 instead of planning a downgrade, which RDS refuses.
run "aurora_at_upgraded_minor" {
  command = apply

  module {
    source = "./modules/aurora"
  }

  variables {
    name                       = "t"
    vpc_id                     = "vpc-1"
    subnet_ids                 = ["subnet-c", "subnet-d"]
    allowed_security_group_ids = ["sg-cluster"]
    engine_version             = "17.7"
  }
}

run "aurora_keeps_upgraded_minor" {
  command = plan

  module {
    source = "./modules/aurora"
  }

  variables {
    name                       = "t"
    vpc_id                     = "vpc-1"
    subnet_ids                 = ["subnet-c", "subnet-d"]
    allowed_security_group_ids = ["sg-cluster"]
    engine_version             = "17.4"
  }

  assert {
    condition     = aws_rds_cluster.this.engine_version == "17.7" && aws_rds_cluster_instance.this[0].engine_version == "17.7"
    error_message = "A minor version AWS upgraded to must not be planned back to var.engine_version."
  }
}

run "aurora_rejects_bad_database_name_and_log_retention" {
  command = plan

  module {
    source = "./modules/aurora"
  }

  variables {
    name                       = "t"
    vpc_id                     = "vpc-1"
    subnet_ids                 = ["subnet-c", "subnet-d"]
    allowed_security_group_ids = ["sg-cluster"]
    database_name              = "users-db"
    log_retention_days         = 45
  }

  expect_failures = [var.database_name, var.log_retention_days]
}

run "elasticache" {
  # Mock apply: the token is read back from Secrets Manager after the write-only version is
  # written, so it is only known after apply.
  command = apply

  module {
    source = "./modules/elasticache"
  }

  variables {
    name                       = "t"
    vpc_id                     = "vpc-1"
    subnet_ids                 = ["subnet-c", "subnet-d"]
    allowed_security_group_ids = ["sg-cluster"]
  }

  assert {
    condition     = aws_elasticache_replication_group.this.node_type == "cache.t4g.micro" && aws_elasticache_replication_group.this.num_cache_clusters == 1
    error_message = "One cache.t4g.micro node."
  }

  assert {
    condition = (tostring(aws_elasticache_replication_group.this.at_rest_encryption_enabled) == "true" &&
      aws_elasticache_replication_group.this.transit_encryption_enabled &&
    aws_elasticache_replication_group.this.transit_encryption_mode == "required")
    error_message = "At-rest and in-transit (required) encryption."
  }

  assert {
    condition     = nonsensitive(aws_elasticache_replication_group.this.auth_token) == "MOCK-REDIS-AUTH-TOKEN-0123456789"
    error_message = "The AUTH token must be the one stored in Secrets Manager."
  }

  assert {
    condition     = aws_secretsmanager_secret_version.auth.secret_string == null && aws_secretsmanager_secret_version.auth.secret_string_wo_version == 1
    error_message = "The secret value must be written through the write-only argument only."
  }

  assert {
    condition = alltrue([for r in aws_vpc_security_group_ingress_rule.redis :
    r.cidr_ipv4 == null && r.cidr_ipv6 == null && r.from_port == 6379 && r.to_port == 6379 && r.referenced_security_group_id == "sg-cluster"])
    error_message = "6379 only from the cluster security group, never from a CIDR."
  }

  assert {
    condition = (aws_elasticache_replication_group.this.log_delivery_configuration == toset([{
      destination = "/aws/elasticache/t/slow-log", destination_type = "cloudwatch-logs", log_format = "json", log_type = "slow-log"
      }]) && aws_cloudwatch_log_group.slow_log.name == "/aws/elasticache/t/slow-log" &&
    aws_cloudwatch_log_group.slow_log.retention_in_days == 30 && aws_cloudwatch_log_group.slow_log.kms_key_id == module.kms.arn)
    error_message = "The slow log must be delivered (JSON) to its own log group, kept 30 days and encrypted with the module's KMS key."
  }
}

run "elasticache_rejects_short_recovery_window_and_log_retention" {
  command = plan

  module {
    source = "./modules/elasticache"
  }

  variables {
    name                        = "t"
    vpc_id                      = "vpc-1"
    subnet_ids                  = ["subnet-c", "subnet-d"]
    allowed_security_group_ids  = ["sg-cluster"]
    secret_recovery_window_days = 3
    slow_log_retention_days     = 45
  }

  expect_failures = [var.secret_recovery_window_days, var.slow_log_retention_days]
}

run "ecr" {
  command = plan

  module {
    source = "./modules/ecr"
  }

  variables {
    repository_name = "t"
  }

  assert {
    condition = (aws_ecr_repository.this.image_tag_mutability == "IMMUTABLE" &&
      aws_ecr_repository.this.image_scanning_configuration[0].scan_on_push &&
    aws_ecr_repository.this.encryption_configuration[0].encryption_type == "KMS")
    error_message = "Immutable tags, scan on push, KMS encryption."
  }

  assert {
    condition = [for r in jsondecode(aws_ecr_lifecycle_policy.this.policy).rules : r.selection] == [
      { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 7 },
      { tagStatus = "tagged", tagPatternList = ["*"], countType = "imageCountMoreThan", countNumber = 30 },
    ]
    error_message = "The lifecycle policy expires untagged images after 7 days and keeps the 30 newest tagged ones (untagged ones must not count)."
  }
}

run "addons" {
  command = plan

  module {
    source = "./modules/addons"
  }

  variables {
    cluster_name            = "t"
    vpc_id                  = "vpc-1"
    app_secret_arns         = ["arn:aws:secretsmanager:us-east-1:123456789012:secret:db", "arn:aws:secretsmanager:us-east-1:123456789012:secret:redis"]
    app_secret_kms_key_arns = ["arn:aws:kms:us-east-1:123456789012:key/db", "arn:aws:kms:us-east-1:123456789012:key/redis"]
  }

  assert {
    condition = (aws_eks_pod_identity_association.external_secrets.namespace == "external-secrets" &&
    aws_eks_pod_identity_association.external_secrets.service_account == "external-secrets")
    error_message = "ESO Pod Identity must target external-secrets/external-secrets."
  }

  assert {
    condition = (aws_eks_pod_identity_association.lbc.namespace == "kube-system" &&
    aws_eks_pod_identity_association.lbc.service_account == "aws-load-balancer-controller")
    error_message = "LBC Pod Identity must target kube-system/aws-load-balancer-controller."
  }

  assert {
    condition = (jsondecode(aws_iam_role_policy.external_secrets.policy).Statement[0].Resource == [
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:db", "arn:aws:secretsmanager:us-east-1:123456789012:secret:redis",
    ])
    error_message = "ESO may read exactly the app's two secrets."
  }

  assert {
    condition     = !strcontains(aws_iam_role_policy.external_secrets.policy, "\"*\"")
    error_message = "The ESO policy must not contain a wildcard resource."
  }

  assert {
    condition     = jsondecode(aws_iam_role.external_secrets.assume_role_policy).Statement[0].Principal.Service == "pods.eks.amazonaws.com"
    error_message = "The ESO role is for EKS Pod Identity."
  }

  assert {
    condition     = helm_release.external_secrets.namespace == "external-secrets" && helm_release.lbc.namespace == "kube-system"
    error_message = "Helm releases go to their namespaces."
  }

  assert {
    condition = (helm_release.deployer_rbac.namespace == "external-secrets" &&
      endswith(helm_release.deployer_rbac.chart, "charts/deployer-rbac") &&
    yamldecode(helm_release.deployer_rbac.values[0]) == { namespace = "users-api", createNamespace = true, group = "users-api-deployers" })
    error_message = "The deployer-rbac release must bind users-api-deployers in users-api; its record lives in external-secrets (the plan role reads it there, never in users-api)."
  }

  assert {
    condition     = yamldecode(helm_release.lbc.values[0]).vpcId == "vpc-1" && yamldecode(helm_release.lbc.values[0]).clusterName == "t"
    error_message = "The LB controller needs vpcId and clusterName (IMDS is out of reach with hop limit 1)."
  }

  assert {
    condition = (helm_release.reloader.chart == "reloader" && helm_release.reloader.namespace == "kube-system" &&
    helm_release.reloader.repository == "https://stakater.github.io/stakater-charts" && can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", helm_release.reloader.version)))
    error_message = "Stakater Reloader must be installed from its chart repository, pinned, in kube-system (whose release records the plan role may read)."
  }

  # helm/users-api renders Reloader's default annotation (secret.reloader.stakater.com/reload).
  assert {
    condition = (yamldecode(helm_release.reloader.values[0]).reloader.ignoreConfigMaps &&
      try(yamldecode(helm_release.reloader.values[0]).reloader.ignoreSecrets, false) == false &&
    try(yamldecode(helm_release.reloader.values[0]).reloader.custom_annotations, null) == null)
    error_message = "Reloader must watch Secrets, with its default annotations (the ones helm/users-api renders)."
  }
}

run "github_oidc" {
  command = plan

  module {
    source = "./modules/github-oidc"
  }

  variables {
    name               = "t"
    github_repository  = "example-org/users-api"
    ecr_repository_arn = "arn:aws:ecr:us-east-1:123456789012:repository/t"
    ecr_kms_key_arn    = "arn:aws:kms:us-east-1:123456789012:key/ecr"
    cluster_name       = "t"
    cluster_arn        = "arn:aws:eks:us-east-1:123456789012:cluster/t"

    state_bucket              = "tfstate"
    state_kms_key_arn         = "arn:aws:kms:us-east-1:123456789012:key/state"
    plan_readable_secret_arns = ["arn:aws:secretsmanager:us-east-1:123456789012:secret:redis"]
    plan_kms_key_arns         = ["arn:aws:kms:us-east-1:123456789012:key/redis"]
  }

  assert {
    condition = alltrue([for s in jsondecode(aws_iam_role.deploy.assume_role_policy).Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"] :
    startswith(s, "repo:example-org/users-api:")])
    error_message = "Only this repository's workflows may assume the deploy role."
  }

  assert {
    condition     = jsondecode(aws_iam_role.deploy.assume_role_policy).Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"] == ["repo:example-org/users-api:environment:production"]
    error_message = "Only jobs in the production environment (behind its required reviewers) may assume the deploy role; no branch subject."
  }

  assert {
    condition     = jsondecode(aws_iam_role.deploy.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"] == "sts.amazonaws.com"
    error_message = "The audience must be sts.amazonaws.com."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.deploy.policy).Statement : s.Resource if s.Sid == "EcrPush"]) == "arn:aws:ecr:us-east-1:123456789012:repository/t"
    error_message = "Push is limited to the one repository."
  }

  assert {
    condition = (aws_eks_access_policy_association.ci["deploy"].access_scope[0].type == "namespace" &&
    aws_eks_access_policy_association.ci["deploy"].access_scope[0].namespaces == toset(["users-api"]))
    error_message = "The deploy role may only edit the users-api namespace."
  }

  assert {
    condition = (aws_eks_access_entry.ci["deploy"].kubernetes_groups == toset(["users-api-deployers"]) &&
    length(aws_eks_access_entry.ci["plan"].kubernetes_groups) == 0)
    error_message = "The deploy role's access entry must carry the users-api-deployers group (bound to the ESO kinds), the plan role's none."
  }

  assert {
    condition = (aws_eks_access_policy_association.ci["plan"].access_scope[0].type == "namespace" &&
    !contains(tolist(aws_eks_access_policy_association.ci["plan"].access_scope[0].namespaces), "users-api"))
    error_message = "The plan role may read helm release records, never the app namespace (its Secret holds the DB password)."
  }

  # The S3 backend writes the lock file with SSE-KMS under the state key: a data key is needed.
  assert {
    condition = one([for s in jsondecode(aws_iam_role_policy.plan[0].policy).Statement : s if s.Sid == "StateKms"]) == {
      Sid       = "StateKms", Effect = "Allow", Action = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "arn:aws:kms:us-east-1:123456789012:key/state"
      Condition = { StringEquals = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" } }
    }
    error_message = "The plan role needs kms:Decrypt and kms:GenerateDataKey on the state key, through S3 only."
  }

  assert {
    condition = one([for s in jsondecode(aws_iam_role_policy.plan[0].policy).Statement : s if s.Sid == "SecretsDecrypt"]) == {
      Sid       = "SecretsDecrypt", Effect = "Allow", Action = "kms:Decrypt"
      Resource  = ["arn:aws:kms:us-east-1:123456789012:key/redis"]
      Condition = { StringEquals = { "kms:ViaService" = "secretsmanager.us-east-1.amazonaws.com" } }
    }
    error_message = "The plan role may decrypt the secret keys through Secrets Manager only."
  }

  # ReadOnlyAccess reads every S3 object: only the state (and its lock file) stays readable.
  assert {
    condition = one([for s in jsondecode(aws_iam_role_policy.plan_deny_data_reads.policy).Statement : s if s.Sid == "DenyObjectReadsButState"]) == {
      Sid         = "DenyObjectReadsButState", Effect = "Deny", Action = "s3:GetObject*"
      NotResource = ["arn:aws:s3:::tfstate/users-api/terraform.tfstate", "arn:aws:s3:::tfstate/users-api/terraform.tfstate.tflock"]
    }
    error_message = "The plan role must be denied s3:GetObject* on every object but the state and its lock file."
  }

  assert {
    condition = (one([for s in jsondecode(aws_iam_role_policy.plan_deny_data_reads.policy).Statement : s.NotResource if s.Sid == "DenySecretValuesButRefreshed"]) == ["arn:aws:secretsmanager:us-east-1:123456789012:secret:redis"] &&
      one([for s in jsondecode(aws_iam_role_policy.plan_deny_data_reads.policy).Statement : s.Condition if s.Sid == "DenyParameterDecryption"]) == { StringEquals = { "kms:ViaService" = "ssm.us-east-1.amazonaws.com" } } &&
      length(setsubtract(["logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "kinesis:GetRecords", "sqs:ReceiveMessage"],
    one([for s in jsondecode(aws_iam_role_policy.plan_deny_data_reads.policy).Statement : s.Action if s.Sid == "DenyDataReads" && s.Effect == "Deny" && s.Resource == "*"]))) == 0)
    error_message = "The plan role must be denied secret values but the refreshed secret's, SecureString decryption, log events, table items, stream records and queue messages."
  }
}

run "github_oidc_rejects_system_group" {
  command = plan

  module {
    source = "./modules/github-oidc"
  }

  variables {
    name                    = "t"
    github_repository       = "example-org/users-api"
    ecr_repository_arn      = "arn:aws:ecr:us-east-1:123456789012:repository/t"
    ecr_kms_key_arn         = "arn:aws:kms:us-east-1:123456789012:key/ecr"
    cluster_name            = "t"
    cluster_arn             = "arn:aws:eks:us-east-1:123456789012:cluster/t"
    deploy_kubernetes_group = "system:masters"
  }

  expect_failures = [var.deploy_kubernetes_group]
}
