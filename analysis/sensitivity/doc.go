// Package sensitivity is placeholder.
package sensitivity
