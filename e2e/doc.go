// Package e2e drives the real web map in headless Chromium against a real
// server and PostGIS: the map loads, red segments are drawn red, and a click
// shows a segment's factors.
package e2e
