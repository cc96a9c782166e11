// Package e2e drives the real web map in headless Chromium against a real
// server and PostGIS: the map loads without script errors and without
// leaving the server, opens fitted to the network in the browser's
// language, draws red segments red, shows a segment's factors and the rule
// that set its grade on a click (in Chinese as well as English), and
// filters by grade. Without Chromium the test skips, except in CI.
package e2e
