// Package browser finds the headless Chromium the pages' browser tests
// drive (web and web/class), or skips the test that asks.
package browser
