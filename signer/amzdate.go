package signer

import "time"

// amzDateLayout is the X-Amz-Date format, ISO 8601 basic: 20261126T043216Z.
const amzDateLayout = "20060102T150405Z"

// appendAmzDate appends t, which must be in UTC, in amzDateLayout.
func appendAmzDate(dst []byte, t time.Time) []byte {
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(dst, amzDateLayout)
	}
	hour, minute, sec := t.Clock()
	dst = append(dst,
		byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10),
		byte('0'+month/10), byte('0'+month%10), byte('0'+day/10), byte('0'+day%10), 'T',
		byte('0'+hour/10), byte('0'+hour%10), byte('0'+minute/10), byte('0'+minute%10),
		byte('0'+sec/10), byte('0'+sec%10), 'Z')
	return dst
}
