package synth

import (
	"strconv"
	"strings"
)

// stemList holds the stems of district names, after the streets (街道) of
// Wuhan; stations and places borrow the stem of their district.
const stemList = `江汉 汉正 民族 花楼 满春 民权 万松 唐家墩 北湖 前进 新华 汉兴 常青
积玉桥 杨园 徐家棚 粮道 中华路 黄鹤楼 紫阳 白沙洲 首义路 南湖 中南路 水果湖
珞珈山 关山 狮子山 洪山 和平 青山 红卫路 冶金 钢花村 新沟桥 红钢城 工人村 厂前
武东 白玉山 宗关 汉水桥 宝丰 荣华 汉中 长丰 易家 琴断口 龙阳 永丰 江堤 建港
鹦鹉 洲头 五里墩 四新 晴川 月湖 建桥 二七 塔子湖 后湖 百步亭 永清 大智 一元`

func districtStems() []string { return strings.Fields(stemList) }

// stationName names a station after its district stem, kind and a number.
func stationName(stem, kind string, n int) string {
	label := kind
	switch kind {
	case "city_gate":
		label = "门站"
	case "storage":
		label = "储配站"
	case "regulator":
		label = "调压站"
	case "regulator_box":
		label = "调压箱"
	case "cng":
		label = "CNG加气站"
	case "lng":
		label = "LNG气化站"
	case "lpg":
		label = "液化气供应站"
	}
	if kind == "city_gate" || kind == "storage" {
		return stem + label
	}
	return stem + label + strconv.Itoa(n) + "号"
}

// placeName names a dense-occupancy place after its district stem.
func placeName(stem, kind string, n int) string {
	switch kind {
	case "school":
		return stem + [...]string{"小学", "中学", "实验学校", "幼儿园"}[n%4]
	case "hospital":
		return stem + [...]string{"医院", "社区卫生服务中心", "中医院"}[n%3]
	case "market":
		return stem + "菜市场"
	case "mall":
		return stem + [...]string{"购物中心", "广场", "商场"}[n%3]
	case "stadium":
		return stem + "体育馆"
	case "station":
		return stem + [...]string{"客运站", "地铁站"}[n%2]
	case "cinema":
		return stem + "影城"
	}
	return stem + kind
}
