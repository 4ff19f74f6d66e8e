#!/usr/bin/env python3
"""Writes a tree of Kubernetes manifests for the `ferry update` benchmark: FILES YAML files in
directories of PER_DIR (apps/group-NNN/), a mix of Deployments, Services, ConfigMaps and
Kustomizations, of which MARKERS (spread evenly) carry one setter marker each:

    image: registry.example.com/team/app-00042:1.0.0 # {"$imagepolicy": "flux-system:app-00042"}

Deterministic (no randomness). Prints the --policy arguments that move every marked image to
tag 1.0.1, one a line, so a script can pass them to `ferry update`.

  generate-manifests.py --out DIR [--files 10000] [--markers 100] [--per-dir 100]
"""
import argparse
import os

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: fleet
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
      annotations:
        prometheus.io/scrape: "true"
    spec:
      containers:
        - name: app
          image: {image}:1.0.0{marker}
          ports:
            - containerPort: 8080
              name: http
          resources:
            requests: {{cpu: 10m, memory: 32Mi}}
            limits:
              memory: 128Mi
          env:
            - name: LOG_LEVEL
              value: info
"""

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {ns}
spec:
  selector:
    app.kubernetes.io/name: {name}
  ports:
    - port: 80
      targetPort: http
"""

CONFIGMAP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}-config
  namespace: {ns}
data:
  config.yaml: |
    listen: ":8080"
    upstream: http://{name}.{ns}.svc.cluster.local
    retries: 3
"""

KUSTOMIZATION = """apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: {ns}
resources:
  - deployment.yaml
  - service.yaml
images:
  - name: {image}
    newTag: 1.0.0{marker}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--markers", type=int, default=100)
    ap.add_argument("--per-dir", type=int, default=100)
    args = ap.parse_args()
    every = max(1, args.files // max(1, args.markers))
    policies = []
    for i in range(args.files):
        name = "app-%05d" % i
        ns = "team-%02d" % (i % 40)
        image = "registry.example.com/team/" + name
        marked = args.markers > 0 and i % every == 0 and len(policies) < args.markers
        kind = i % 4
        template = [DEPLOYMENT, SERVICE, CONFIGMAP, KUSTOMIZATION][kind] if not marked else [DEPLOYMENT, KUSTOMIZATION][i // every % 2]
        marker = ""
        if marked:
            tag_only = template is KUSTOMIZATION
            marker = ' # {"$imagepolicy": "flux-system:%s%s"}' % (name, ":tag" if tag_only else "")
            policies.append("flux-system:%s=%s:1.0.1" % (name, image))
        directory = os.path.join(args.out, "apps", "group-%03d" % (i // args.per_dir))
        os.makedirs(directory, exist_ok=True)
        filename = "kustomization.yaml" if template is KUSTOMIZATION else "%s.yaml" % name
        if template is KUSTOMIZATION:
            directory = os.path.join(directory, name)
            os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, filename), "w") as f:
            f.write(template.format(name=name, ns=ns, image=image, marker=marker))
    print("\n".join(policies))


if __name__ == "__main__":
    main()
