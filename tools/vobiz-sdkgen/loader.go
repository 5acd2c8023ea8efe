package main

import (
	"context"
	"fmt"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noDependencies is the package loader of a schema that refers to no other package: the generators ask a
// loader only for the packages a schema depends on, and the vobiz schema names none.
type noDependencies struct{}

var _ schema.ReferenceLoader = noDependencies{}

func refuse(name string) error {
	return fmt.Errorf("the vobiz schema refers to package %q; it should depend on no other package", name)
}

func (noDependencies) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, refuse(pkg)
}

func (noDependencies) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, refuse(d.Name)
}

func (noDependencies) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, refuse(pkg)
}

func (noDependencies) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, refuse(d.Name)
}
