// Command cisim simulates collective-impact partnerships: isolated versus
// collective impact, by Monte Carlo over many replicates. `cisim help`
// lists its commands (the table commandTable in this file); `cisim COMMAND
// --help` gives a command's flags.
//
// Exit codes: 0 success, 1 run failure, 2 bad usage or bad input, 130
// (SIGINT) or 143 (SIGTERM) stopped by a signal after saving its work.
package main
